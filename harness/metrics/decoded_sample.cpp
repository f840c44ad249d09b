#include "etalon/metrics/decoded_sample.hpp"

#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

std::variant<DecodedSample, std::string> DecodedSample::Make(std::string_view output, const core::Sample& sample) {
  if (sample.references.empty()) {
    return std::string("sample has no reference");
  }
  DecodedSample decoded;
  auto decoded_output = text::DecodeUtf8(output);
  if (!decoded_output) {
    return std::string("output is not valid UTF-8");
  }
  decoded.output_ = std::move(*decoded_output);
  decoded.references_.reserve(sample.references.size());
  for (std::size_t i = 0; i < sample.references.size(); ++i) {
    auto reference = text::DecodeUtf8(sample.references[i]);
    if (!reference) {
      return "reference " + std::to_string(i + 1) + " is not valid UTF-8";
    }
    decoded.references_.push_back(std::move(*reference));
  }
  return decoded;
}

}  // namespace etalon::metrics
