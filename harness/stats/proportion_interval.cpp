#include "etalon/stats/proportion_interval.hpp"

#include <cmath>
#include <stdexcept>

#include "etalon/stats/normal_distribution.hpp"

namespace etalon::stats {

Interval WilsonInterval(std::size_t successes, std::size_t trials, double level) {
  if (trials == 0 || successes > trials) {
    throw std::invalid_argument("WilsonInterval needs 0 <= successes <= trials and trials > 0");
  }
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z = NormalQuantile(0.5 + level / 2);
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half_width = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  // At p = 0 or 1 one bound is exactly the edge, which rounding would miss.
  return {successes == 0 ? 0.0 : centre - half_width, successes == trials ? 1.0 : centre + half_width};
}

}  // namespace etalon::stats
