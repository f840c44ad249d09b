// TER as sacrebleu 2.6.0 computes it with its defaults (metrics/ter.py and
// metrics/lib_ter.py, a re-implementation of Tercom): lowercased, words split
// on whitespace with no further tokenization, block shifts of up to 10 words
// over up to 50 positions, a beam of 25 around the diagonal, and at most 1000
// shift candidates per segment. With several references a sample counts the
// fewest edits and the mean reference length.
//
// SampleScore::value is the sentence TER; the suite figure is total edits over
// total (mean) reference length. Both on sacrebleu's 0-100 scale, lower is better.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

class Ter final : public Metric {
 public:
  // SampleScore::statistics layout: [0] edits against the closest reference,
  // [1] mean length of the references in words.
  static constexpr std::size_t kStatisticsSize = 2;

  Ter();

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  std::vector<double> Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const;
  static double FromStatistics(std::span<const double> statistics);

  // lib_ter.translation_edit_rate on word ids: shifts plus the edit distance
  // of the shifted hypothesis. An empty reference costs one edit per word.
  static std::size_t EditCount(std::span<const std::uint32_t> hypothesis, std::span<const std::uint32_t> reference);

 private:
  MetricInfo info_;
};

}  // namespace etalon::metrics
