// Structured extraction: the sample field `target` is a JSON object, the
// output should be one too. Nested objects flatten to dotted paths
// ("adresse.code_postal"); null values count as absent. A field matches when
// both sides hold it with the same canonical value: strings after
// NormalizeFrench, numbers as JSON writes them (3.0 as 3, so an integer
// written as a string, "3", matches the number 3), booleans as true/false,
// arrays as their sorted canonical elements. The output may be wrapped in a ```json code fence.
//
// field_precision/recall/F1 are corpus figures (micro-averaged over fields):
// statistics [matched fields, predicted fields, target fields], summed.
// An output that is not a JSON object predicts no field. json_valid is the
// share of outputs that parse as a JSON object.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class ExtractionScore { kFieldPrecision, kFieldRecall, kFieldF1, kJsonValid };

class Extraction final : public Metric {
 public:
  static constexpr std::size_t kStatisticsSize = 3;

  explicit Extraction(ExtractionScore score);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  // The JSON object in a model output (valid UTF-8), if there is one.
  static std::optional<nlohmann::json> ParseOutputObject(std::string_view output);
  // Flattened path -> canonical value, null fields left out.
  static std::map<std::string, std::string> Fields(const nlohmann::json& object);

 private:
  double FromStatistics(const std::vector<double>& statistics) const;

  ExtractionScore score_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
