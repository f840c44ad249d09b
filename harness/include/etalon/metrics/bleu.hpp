// BLEU as sacrebleu 2.6.0 computes it with its defaults (metrics/bleu.py):
// max n-gram order 4, 'exp' smoothing, tokenizer 13a (or 'intl', 'none' with
// the parameter `tokenize`), case-sensitive. Several references per sample
// clip n-gram counts by their maximum and use the closest reference length.
//
// Per sample, SampleScore::value is sacrebleu's sentence_bleu (effective
// order on, as sentence BLEU must be), on sacrebleu's 0-100 scale. The suite
// figure is corpus BLEU from the summed statistics (effective order off), as
// sacrebleu's corpus_bleu, never a mean of sentence scores.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"
#include "etalon/text/bleu_tokenizer.hpp"

namespace etalon::metrics {

struct BleuScore {
  double score = 0;                     // 0-100
  std::array<double, 4> precisions{};  // 0-100, smoothed as sacrebleu reports them
  double brevity_penalty = 0;
};

class Bleu final : public Metric {
 public:
  static constexpr int kMaxOrder = 4;
  // SampleScore::statistics layout, sacrebleu's own order:
  //   [0] hypothesis length in tokens
  //   [1] closest reference length
  //   [2 .. 5] clipped n-gram matches for n = 1..4
  //   [6 .. 9] hypothesis n-grams for n = 1..4
  static constexpr std::size_t kStatisticsSize = 2 + 2 * kMaxOrder;

  explicit Bleu(text::BleuTokenizer tokenizer = text::BleuTokenizer::k13a);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  // The statistics of one hypothesis against its references (layout above).
  std::vector<double> Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const;

  // sacrebleu's compute_bleu with 'exp' smoothing.
  static BleuScore FromStatistics(std::span<const double> statistics, bool effective_order);

 private:
  text::BleuTokenizer tokenizer_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
