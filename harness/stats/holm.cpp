#include "etalon/stats/holm.hpp"

#include <algorithm>
#include <numeric>

namespace etalon::stats {

std::vector<double> HolmAdjusted(std::span<const double> p_values) {
  const std::size_t count = p_values.size();
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable, so equal p-values keep their input order and the result does not
  // depend on the sort implementation.
  std::stable_sort(order.begin(), order.end(), [&p_values](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(count);
  double running = 0;
  for (std::size_t rank = 0; rank < count; ++rank) {
    const double scaled = std::min(1.0, static_cast<double>(count - rank) * p_values[order[rank]]);
    running = std::max(running, scaled);
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

}  // namespace etalon::stats
