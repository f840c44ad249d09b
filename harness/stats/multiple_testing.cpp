#include "etalon/stats/multiple_testing.hpp"

#include <algorithm>
#include <numeric>

namespace etalon::stats {

std::vector<double> HolmAdjusted(std::span<const double> p_values) {
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(p_values.size());
  double running_max = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const auto factor = static_cast<double>(order.size() - rank);
    running_max = std::max(running_max, std::min(1.0, factor * p_values[order[rank]]));
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

}  // namespace etalon::stats
