#include "etalon/metrics/token_f1.hpp"

#include <algorithm>
#include <unordered_map>

#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

double BagOfTokensF1(const std::vector<std::string>& predicted, const std::vector<std::string>& reference) {
  if (predicted.empty() && reference.empty()) {
    return 1.0;
  }
  if (predicted.empty() || reference.empty()) {
    return 0.0;
  }
  std::unordered_map<std::string_view, long> reference_counts;
  for (const auto& token : reference) {
    ++reference_counts[token];
  }
  long common = 0;
  for (const auto& token : predicted) {
    auto found = reference_counts.find(token);
    if (found != reference_counts.end() && found->second > 0) {
      --found->second;
      ++common;
    }
  }
  if (common == 0) {
    return 0.0;
  }
  const double precision = static_cast<double>(common) / static_cast<double>(predicted.size());
  const double recall = static_cast<double>(common) / static_cast<double>(reference.size());
  return 2.0 * precision * recall / (precision + recall);
}

namespace {

template <typename Compare>
SampleScore BestOverReferences(std::string_view output, const core::Sample& sample, Compare compare) {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const auto output_tokens = text::WordTokens(output);
  for (const auto& reference : sample.references) {
    score.value = std::max(score.value, compare(output_tokens, text::WordTokens(reference)));
  }
  return score;
}

}  // namespace

TokenF1::TokenF1()
    : info_{"token_f1", "Word-overlap F1 with the closest reference (Unicode words, lowercased).", 0, 1, true,
            Aggregation::kMean, ""} {}

SampleScore TokenF1::Score(std::string_view output, const core::Sample& sample) const {
  return BestOverReferences(output, sample, BagOfTokensF1);
}

ExactMatch::ExactMatch()
    : info_{"exact_match", "1 when the output's words equal a reference's words (Unicode words, lowercased).", 0, 1,
            true, Aggregation::kMean, ""} {}

SampleScore ExactMatch::Score(std::string_view output, const core::Sample& sample) const {
  return BestOverReferences(output, sample, [](const auto& predicted, const auto& reference) {
    return predicted == reference ? 1.0 : 0.0;
  });
}

}  // namespace etalon::metrics
