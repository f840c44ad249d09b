// A one-sided paired sign-flip permutation test (Fisher's randomisation test
// for paired data): is the mean of paired differences d_i above `margin`?
// Under the null hypothesis (the true mean difference is `margin` and the
// centred differences d_i - margin are symmetric around 0), each centred
// difference is as likely positive as negative, so flipping signs at random
// gives the null distribution of their mean. The p-value is the share of
// sign assignments whose mean is at least the observed one.
//
// Up to kExactPairs pairs every one of the 2^n assignments is enumerated (an
// exact, seed-free p-value that can be worked by hand); above, `resamples`
// random assignments are drawn from a generator seeded with `seed`, and the
// observed assignment is counted in, as p = (1 + hits) / (1 + resamples).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace etalon::stats {

inline constexpr std::size_t kExactPairs = 16;

struct PairedTestResult {
  std::size_t pairs = 0;
  double mean_difference = 0;  // mean of d_i (not centred)
  double p_value = 1;          // 1 when there are no pairs
  bool exact = false;          // every sign assignment enumerated
};

PairedTestResult PairedSignFlipTest(const std::vector<double>& differences, double margin, std::uint64_t seed,
                                    std::size_t resamples = 10'000);

// The two-sided version with no margin: do the two offers differ at all?
// The p-value is the share of sign assignments whose mean is at least as
// far from 0, either way, as the observed one (same exact/resampled rule).
PairedTestResult TwoSidedSignFlipTest(const std::vector<double>& differences, std::uint64_t seed,
                                      std::size_t resamples = 10'000);

}  // namespace etalon::stats
