// Two offers scored on the same samples: the difference of their figures,
// its bootstrap confidence interval, a p-value and the minimum detectable
// difference. See docs/statistics.md.
//
// - Per-sample metrics (means): the difference of means is the mean of the
//   paired differences; its interval is the BCa bootstrap of that mean. The
//   p-value is the exact McNemar test when every value of both offers is 0
//   or 1 (right or wrong), else the two-sided paired sign-flip test.
// - Corpus metrics: segments are resampled together for both offers and the
//   difference of corpus figures recomputed (BCa); the p-value comes from
//   the paired approximate randomisation test.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "etalon/stats/bootstrap.hpp"
#include "etalon/stats/detectable_difference.hpp"
#include "etalon/stats/segment_resampling.hpp"

namespace etalon::stats {

enum class PairedTest {
  kExactMcNemar,         // binary scores
  kSignFlipExact,        // every sign assignment enumerated (up to kExactPairs)
  kSignFlipResampled,    // seeded random sign assignments
  kSegmentPermutation,   // corpus metrics: approximate randomisation
};

// "mcnemar-exact", "sign-flip-exact", "sign-flip", "segment-permutation".
std::string PairedTestName(PairedTest test);

struct PairedSettings {
  BootstrapSettings bootstrap;
  std::size_t permutations = 10'000;  // resampled sign flips or segment swaps
  DetectionSettings detection;
};

struct PairedComparison {
  std::size_t pairs = 0;
  double first = 0;       // the first offer's figure on the common samples
  double second = 0;      // the second's
  double difference = 0;  // first - second
  Interval interval{0, 0};
  double p_value = 1;
  PairedTest test = PairedTest::kSignFlipExact;
  // Below 2 pairs there is no spread to size a test from.
  std::optional<double> detectable_difference;
};

// `first[i]` and `second[i]` are the same sample's values. Throws
// std::invalid_argument when the sizes differ or there is no pair.
PairedComparison CompareMeans(std::span<const double> first, std::span<const double> second,
                              const PairedSettings& settings);

// `first[i]` and `second[i]` are the same segment's statistics for the same
// metric. Throws std::invalid_argument when the sizes differ or there is no
// segment; std::domain_error when the corpus figure is not finite.
PairedComparison CompareCorpus(const SegmentRows& first, const SegmentRows& second, const CorpusFunction& corpus,
                               const PairedSettings& settings);

}  // namespace etalon::stats
