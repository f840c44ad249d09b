#include "etalon/metrics/sample_text_field.hpp"

#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

SampleText SampleTextField(const core::Sample& sample, std::string_view name, bool required) {
  const std::string key(name);
  if (!sample.fields.is_object() || !sample.fields.contains(key) || sample.fields.at(key).is_null()) {
    return {std::nullopt, required ? std::optional<std::string>("sample has no field '" + key + "'") : std::nullopt};
  }
  const auto& value = sample.fields.at(key);
  if (!value.is_string()) {
    return {std::nullopt, "field '" + key + "' is not a string"};
  }
  auto text = value.get<std::string>();
  if (!text::IsValidUtf8(text)) {
    return {std::nullopt, "field '" + key + "' is not valid UTF-8"};
  }
  return {std::move(text), std::nullopt};
}

}  // namespace etalon::metrics
