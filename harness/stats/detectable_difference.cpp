#include "etalon/stats/detectable_difference.hpp"

#include <cmath>
#include <vector>

#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/normal_distribution.hpp"

namespace etalon::stats {

double DetectableDifference(double standard_error, const DetectionSettings& settings) {
  return (NormalQuantile(1 - settings.alpha / 2) + NormalQuantile(settings.power)) * standard_error;
}

std::optional<double> DetectableDifferenceOfPairs(std::span<const double> differences,
                                                  const DetectionSettings& settings) {
  const auto moments = OrderFreeMoments(std::vector<double>(differences.begin(), differences.end()));
  const auto stddev = moments.sample_stddev();
  if (!stddev) {
    return std::nullopt;
  }
  return DetectableDifference(*stddev / std::sqrt(static_cast<double>(differences.size())), settings);
}

}  // namespace etalon::stats
