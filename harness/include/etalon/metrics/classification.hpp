// Classification: accuracy, macro F1 and micro F1 over a fixed label set.
// The gold label is the sample field `label`; the output is the predicted
// label. Both are compared after NormalizeFrench (case, accents' forms,
// punctuation and spaces), so "Non-conforme." matches the label "non conforme";
// anything else the model says is a prediction outside the label set.
//
// Macro and micro F1 are corpus figures. Each sample's statistics are one row
// of the confusion matrix with a single 1 in it, so the summed statistics ARE
// the confusion matrix (layout below), from which every figure, and the matrix
// itself for reports, is recomputed. Labels with no gold example and no
// prediction count as F1 = 0 in the macro average (scikit-learn's
// zero_division=0 with an explicit label list).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class ClassificationScore {
  kAccuracy,  // mean of 1 (normalised prediction == normalised gold) / 0; needs no label set
  kMacroF1,   // mean over labels of per-label F1, from the confusion matrix
  kMicroF1,   // F1 of the pooled counts over labels, from the confusion matrix
};

class Classification final : public Metric {
 public:
  // `labels` fixes the confusion-matrix order; kMacroF1 and kMicroF1 need it
  // (check it with CheckLabels first). kAccuracy ignores it.
  Classification(ClassificationScore score, std::vector<std::string> labels);

  const MetricInfo& Info() const override { return info_; }

  // value: 1 when the prediction is the gold label, else 0. For the F1
  // scores, statistics: K x (K + 1) counts, row-major, K = number of labels;
  // row = gold label index, column = predicted label index, and column K =
  // a prediction outside the label set.
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  // An error message when the label list is empty, or two labels normalise alike.
  static std::optional<std::string> CheckLabels(const std::vector<std::string>& labels);
  // The form labels and outputs are compared in.
  static std::string NormalizeLabel(std::string_view label);
  // The summed statistics as a matrix: rows gold, columns predicted (+ outside).
  std::vector<std::vector<double>> ConfusionMatrix(const std::vector<double>& summed) const;

 private:
  std::optional<std::size_t> LabelIndex(const std::string& normalized) const;

  ClassificationScore score_;
  std::vector<std::string> labels_;
  std::vector<std::string> normalized_labels_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
