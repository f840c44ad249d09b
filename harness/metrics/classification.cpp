#include "etalon/metrics/classification.hpp"

#include <algorithm>

#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

MetricInfo MakeInfo(ClassificationScore score) {
  switch (score) {
    case ClassificationScore::kAccuracy:
      return {"accuracy", "Share of outputs equal to the gold label `label` (normalised text).", 0, 1, true,
              Aggregation::kMean, ""};
    case ClassificationScore::kMacroF1:
      return {"macro_f1", "Mean over the label set of per-label F1, from the summed confusion matrix.", 0, 1, true,
              Aggregation::kCorpus, ""};
    case ClassificationScore::kMicroF1:
      return {"micro_f1", "F1 of true/false positives pooled over the label set, from the summed confusion matrix.",
              0, 1, true, Aggregation::kCorpus, ""};
  }
  return {};
}

double F1(double true_positives, double false_positives, double false_negatives) {
  const double precision = true_positives + false_positives > 0 ? true_positives / (true_positives + false_positives) : 0;
  const double recall = true_positives + false_negatives > 0 ? true_positives / (true_positives + false_negatives) : 0;
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

}  // namespace

Classification::Classification(ClassificationScore score, std::vector<std::string> labels)
    : score_(score), labels_(std::move(labels)), info_(MakeInfo(score)) {
  for (const auto& label : labels_) {
    normalized_labels_.push_back(NormalizeLabel(label));
  }
}

std::string Classification::NormalizeLabel(std::string_view label) { return text::NormalizeFrench(label); }

std::optional<std::string> Classification::CheckLabels(const std::vector<std::string>& labels) {
  if (labels.empty()) {
    return std::string("needs a non-empty list of labels");
  }
  std::vector<std::string> seen;
  for (const auto& label : labels) {
    if (!text::IsValidUtf8(label)) {
      return std::string("a label is not valid UTF-8");
    }
    std::string normalized = NormalizeLabel(label);
    if (normalized.empty()) {
      return "label '" + label + "' is empty once normalised";
    }
    if (std::find(seen.begin(), seen.end(), normalized) != seen.end()) {
      return "labels normalise to the same text '" + normalized + "'";
    }
    seen.push_back(std::move(normalized));
  }
  return std::nullopt;
}

std::optional<std::size_t> Classification::LabelIndex(const std::string& normalized) const {
  const auto found = std::find(normalized_labels_.begin(), normalized_labels_.end(), normalized);
  if (found == normalized_labels_.end()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(found - normalized_labels_.begin());
}

SampleScore Classification::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const auto field = sample.fields.is_object() ? sample.fields.find("label") : sample.fields.end();
  if (!sample.fields.is_object() || field == sample.fields.end() || field->is_null() || field->is_structured()) {
    score.error = "sample has no field 'label' holding the gold label";
    return score;
  }
  const std::string gold = field->is_string() ? field->get<std::string>() : field->dump();
  if (!text::IsValidUtf8(gold)) {
    score.error = "field 'label' is not valid UTF-8";
    return score;
  }
  const std::string normalized_gold = NormalizeLabel(gold);
  const std::string predicted = NormalizeLabel(output);
  score.extracted = predicted;
  score.value = predicted == normalized_gold ? 1.0 : 0.0;
  if (score_ == ClassificationScore::kAccuracy) {
    return score;
  }
  const auto gold_index = LabelIndex(normalized_gold);
  if (!gold_index) {
    score.error = "gold label '" + gold + "' is not in the metric's label list";
    return score;
  }
  const std::size_t columns = labels_.size() + 1;
  score.statistics.assign(labels_.size() * columns, 0.0);
  score.statistics[*gold_index * columns + LabelIndex(predicted).value_or(labels_.size())] = 1.0;
  return score;
}

std::vector<std::vector<double>> Classification::ConfusionMatrix(const std::vector<double>& summed) const {
  const std::size_t columns = labels_.size() + 1;
  std::vector<std::vector<double>> matrix(labels_.size(), std::vector<double>(columns, 0.0));
  if (summed.size() != labels_.size() * columns) {
    return matrix;
  }
  for (std::size_t gold = 0; gold < labels_.size(); ++gold) {
    for (std::size_t predicted = 0; predicted < columns; ++predicted) {
      matrix[gold][predicted] = summed[gold * columns + predicted];
    }
  }
  return matrix;
}

double Classification::CorpusScore(const std::vector<double>& summed) const {
  const auto matrix = ConfusionMatrix(summed);
  const std::size_t count = labels_.size();
  if (count == 0) {
    return 0.0;
  }
  double macro_sum = 0;
  double pooled_true_positives = 0;
  double pooled_false_positives = 0;
  double pooled_false_negatives = 0;
  for (std::size_t label = 0; label < count; ++label) {
    const double true_positives = matrix[label][label];
    double false_positives = 0;
    double false_negatives = 0;
    for (std::size_t other = 0; other < count; ++other) {
      if (other != label) {
        false_positives += matrix[other][label];
      }
    }
    for (std::size_t predicted = 0; predicted <= count; ++predicted) {
      if (predicted != label) {
        false_negatives += matrix[label][predicted];
      }
    }
    macro_sum += F1(true_positives, false_positives, false_negatives);
    pooled_true_positives += true_positives;
    pooled_false_positives += false_positives;
    pooled_false_negatives += false_negatives;
  }
  if (score_ == ClassificationScore::kMicroF1) {
    return F1(pooled_true_positives, pooled_false_positives, pooled_false_negatives);
  }
  return macro_sum / static_cast<double>(count);
}

}  // namespace etalon::metrics
