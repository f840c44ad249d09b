// The Wilcoxon–Mann–Whitney rank-sum test of two independent samples, with
// its p-value from seeded random relabellings of the pooled ranks rather
// than the normal approximation: exact enough for the small samples of a
// model fingerprint (tens of values), and right under ties (midranks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace etalon::stats {

struct RankSumResult {
  double u = 0;        // Mann–Whitney U of the first sample
  double p_value = 1;  // two-sided, (1 + relabellings at least as extreme) / (1 + relabellings)
};

// Two-sided test that neither sample tends to larger values than the
// other. Both samples must be non-empty (programmer error otherwise).
// `relabellings` random splits of the pooled ranks are drawn from a
// generator seeded with `seed`, so a result is reproducible on one build.
RankSumResult RankSumTest(std::span<const double> first, std::span<const double> second, std::size_t relabellings,
                          std::uint64_t seed);

}  // namespace etalon::stats
