// A scorer (compare Inspect AI's scorer/metric split). Each metric scores one
// sample at a time; the harness records every SampleScore in the journal, and
// the summary aggregates them later from the journal alone, so scores can be
// recomputed without calling a model again.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "etalon/core/sample.hpp"

namespace etalon::metrics {

enum class Aggregation {
  kMean,    // the suite figure is the mean of per-sample values
  kCorpus,  // the suite figure comes from summed per-sample statistics (BLEU, chrF, TER, WER...)
};

struct MetricInfo {
  std::string name;         // as written in suites and results ("token_f1", "bleu")
  std::string description;  // one English sentence, shown by `etalon list metrics`
  double min = 0;
  double max = 1;
  bool higher_is_better = true;
  Aggregation aggregation = Aggregation::kMean;
  std::string reference;  // the implementation it matches, when there is one ("sacrebleu 2.6.0")
};

struct SampleScore {
  double value = 0;                 // on the metric's own scale (MetricInfo::min..max)
  std::vector<double> statistics;   // sufficient statistics, summed across samples (kCorpus only)
  std::string extracted;            // the answer the scorer extracted, when it extracts one
  std::optional<std::string> error; // the sample could not be scored (invalid UTF-8...); value is then meaningless
};

class Metric {
 public:
  virtual ~Metric() = default;

  virtual const MetricInfo& Info() const = 0;

  // Scores one model output against the sample (its references and fields).
  // Called concurrently from completion threads: must be thread-safe and
  // must not throw for any output text.
  virtual SampleScore Score(std::string_view output, const core::Sample& sample) const = 0;

  // The corpus figure from statistics summed over samples. Only called when
  // Info().aggregation is kCorpus; `summed` has the size Score() produces.
  virtual double CorpusScore(const std::vector<double>& summed) const;
};

}  // namespace etalon::metrics
