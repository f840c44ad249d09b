// Holm's step-down adjustment (Holm 1979) of p-values tested together, so
// that the chance of any false "significant" among them stays at most alpha
// (family-wise error), without Bonferroni's loss of power. With the m
// p-values sorted ascending p(1) <= ... <= p(m), the adjusted value of the
// j-th is max over i <= j of min(1, (m - i + 1) p(i)).
#pragma once

#include <span>
#include <vector>

namespace etalon::stats {

// The adjusted p-values, in the order of `p_values`.
std::vector<double> HolmAdjusted(std::span<const double> p_values);

}  // namespace etalon::stats
