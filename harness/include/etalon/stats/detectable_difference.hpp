// The minimum detectable difference (MDD) of a paired comparison: the
// smallest true mean difference that a two-sided test at level alpha finds
// with the given power, for n pairs whose differences have standard
// deviation sd (normal approximation):
//   MDD = (z(1 - alpha/2) + z(power)) · sd / √n
// At alpha 5% and power 80%: 2.8016 · sd / √n. A suite whose MDD exceeds the
// gap a buyer cares about cannot separate two offers by that gap.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace etalon::stats {

struct DetectionSettings {
  double alpha = 0.05;  // two-sided
  double power = 0.80;
};

// From a standard error of the difference (sd / √n, or a bootstrap's).
double DetectableDifference(double standard_error, const DetectionSettings& settings = {});

// From the paired differences themselves: their sample SD (n - 1) over √n.
// std::nullopt below 2 differences (no SD).
std::optional<double> DetectableDifferenceOfPairs(std::span<const double> differences,
                                                  const DetectionSettings& settings = {});

}  // namespace etalon::stats
