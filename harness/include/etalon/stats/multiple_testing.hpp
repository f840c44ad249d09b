// Holm's step-down correction: several tests asked of the same data keep
// their family-wise error rate at most alpha, uniformly more powerful than
// Bonferroni and valid under any dependence between the tests.
#pragma once

#include <span>
#include <vector>

namespace etalon::stats {

// Holm-adjusted p-values, in the order given: reject test i at family-wise
// level alpha when its adjusted p-value is at most alpha.
std::vector<double> HolmAdjusted(std::span<const double> p_values);

}  // namespace etalon::stats
