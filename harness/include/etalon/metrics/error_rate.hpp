// Word and character error rates as jiwer 4.0.0 computes them with its
// default transformations (and nothing more: no lowercasing, no punctuation
// removal), plus the same measures after etalon's French normalisation
// (text/french_normalizer.hpp) under separate names, reported beside the raw
// figures, never instead of them.
//
//   wer, mer, wil, wip  words: runs of 2+ whitespace become one space, strip,
//                       split on the ASCII space only (an NBSP stays inside a word)
//   cer                 characters (code points) after strip, spaces included
//   wer_fr ... cer_fr   the same after NormalizeFrench
//
// Hits depend on which optimal alignment is chosen; text/edit_counts.hpp
// follows RapidFuzz's choice, so MER and WIL match jiwer on ambiguous lines.
// jiwer scores one reference: a sample with several uses the first.
// An empty reference gives WER = the insertion count (jiwer 4's definition).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"
#include "etalon/text/edit_counts.hpp"

namespace etalon::metrics {

enum class ErrorRateKind {
  kWer,  // (S + D + I) / (H + S + D)
  kMer,  // (S + D + I) / (H + S + D + I)
  kWil,  // 1 - WIP
  kWip,  // H / reference words * H / hypothesis words
  kCer,  // WER over characters
};

enum class ErrorRateText {
  kJiwer,   // jiwer 4.0.0's default transformations only
  kFrench,  // NormalizeFrench first
};

class ErrorRate final : public Metric {
 public:
  // SampleScore::statistics layout: [hits, substitutions, deletions, insertions].
  static constexpr std::size_t kStatisticsSize = 4;

  ErrorRate(ErrorRateKind kind, ErrorRateText text);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;
  double CorpusScore(const std::vector<double>& summed) const override;

  // The alignment counts jiwer would report for this pair.
  text::EditCounts Counts(std::string_view reference, std::string_view hypothesis) const;
  static double FromCounts(ErrorRateKind kind, const text::EditCounts& counts);

 private:
  ErrorRateKind kind_;
  ErrorRateText text_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
