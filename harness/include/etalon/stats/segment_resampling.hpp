// Resampling for corpus metrics (BLEU, chrF, TER, WER...), whose figure is
// not a mean of per-segment values but a function of statistics summed over
// segments. Resampling therefore draws whole segments and recomputes the
// corpus figure from their summed statistics through the metric's own
// formula (Koehn 2004, "Statistical significance tests for machine
// translation evaluation"; sacrebleu's paired bootstrap does the same).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "etalon/stats/bootstrap.hpp"

namespace etalon::stats {

// One row of sufficient statistics per segment; every row has the same length.
using SegmentRows = std::vector<std::vector<double>>;
// The corpus figure from statistics summed over segments (Metric::CorpusScore).
using CorpusFunction = std::function<double(const std::vector<double>& summed)>;

// BCa interval of corpus(Σ segments) by resampling segments. The rows are
// sorted first, so the interval does not depend on their order; the
// jackknife uses the total minus one row, so it costs O(n) figures, not
// O(n²) sums. Throws as BcaBootstrap (no segment, bad settings, a figure
// that is not finite).
Interval SegmentBootstrapInterval(SegmentRows segments, const CorpusFunction& corpus, const BootstrapSettings& settings);

// Two-sided paired approximate randomisation test (Noreen 1989; Riezler and
// Maxwell 2005) of corpus(Σ first) - corpus(Σ second), segment i of both
// being the same sample: each permutation swaps the two offers' statistics
// of each segment with probability 1/2 and recomputes the difference; the
// p-value is (1 + permutations at least as far from 0 as the observed
// difference) / (1 + permutations). 1 when there is no segment.
double PairedSegmentPermutationPValue(const SegmentRows& first, const SegmentRows& second, const CorpusFunction& corpus,
                                      std::uint64_t seed, std::size_t permutations = 10'000);

}  // namespace etalon::stats
