// The checks every reference-based text metric makes before scoring, in one
// place: the output and each reference must be valid UTF-8 (model output is
// untrusted; a bad dataset line must not crash the run) and the sample must
// have at least one reference. Text comes back as code points, so characters
// count as Python counts them.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "etalon/core/sample.hpp"
#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

class DecodedSample {
 public:
  // Either the decoded text or the message for SampleScore::error.
  static std::variant<DecodedSample, std::string> Make(std::string_view output, const core::Sample& sample);

  const std::u32string& output() const { return output_; }
  const std::vector<std::u32string>& references() const { return references_; }

 private:
  std::u32string output_;
  std::vector<std::u32string> references_;  // never empty
};

// The shape every corpus metric shares: decode (or record why not), compute
// the sufficient statistics, and the sentence value from them.
template <typename StatisticsOf, typename ValueOf>
SampleScore ScoreFromStatistics(std::string_view output, const core::Sample& sample, StatisticsOf statistics_of,
                                ValueOf value_of) {
  SampleScore score;
  auto decoded = DecodedSample::Make(output, sample);
  if (auto* message = std::get_if<std::string>(&decoded)) {
    score.error = std::move(*message);
    return score;
  }
  const auto& text = std::get<DecodedSample>(decoded);
  score.statistics = statistics_of(text.output(), text.references());
  score.value = value_of(score.statistics);
  return score;
}

}  // namespace etalon::metrics
