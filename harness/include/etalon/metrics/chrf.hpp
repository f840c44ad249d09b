// chrF and chrF++ as sacrebleu 2.6.0 computes them (metrics/chrf.py):
// character n-grams up to 6 with whitespace removed, word n-grams up to 0
// (chrF) or 2 (chrF++) after sacrebleu's punctuation split, beta 2, no
// epsilon smoothing (the effective-order average), case-sensitive. With
// several references a sample keeps the statistics of the reference with
// the best sentence score (the first one on ties).
//
// SampleScore::value is the sentence score; the suite figure comes from the
// summed statistics, as sacrebleu's corpus_chrf. Both on 0-100.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

class Chrf final : public Metric {
 public:
  static constexpr int kCharOrder = 6;
  static constexpr int kBeta = 2;

  // word_order 0: chrF ("chrf"); 2: chrF++ ("chrf++").
  explicit Chrf(int word_order = 0);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  // SampleScore::statistics layout: for each order, character orders 1..6
  // first and then word orders 1..word_order, three counts
  //   [3k] hypothesis n-grams (0 when the reference has none of that order)
  //   [3k + 1] reference n-grams
  //   [3k + 2] matching n-grams
  std::size_t StatisticsSize() const { return 3 * static_cast<std::size_t>(kCharOrder + word_order_); }
  std::vector<double> Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const;

  // sacrebleu's _compute_f_score (eps_smoothing off), 0-100.
  double FScore(std::span<const double> statistics) const;

 private:
  int word_order_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
