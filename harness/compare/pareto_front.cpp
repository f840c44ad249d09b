#include "etalon/compare/pareto_front.hpp"

namespace etalon::compare {

std::vector<bool> ParetoFront(std::span<const ParetoCandidate> candidates, bool higher_quality_is_better) {
  const auto at_least_as_good = [higher_quality_is_better](double a, double b) {
    return higher_quality_is_better ? a >= b : a <= b;
  };
  std::vector<bool> on_front(candidates.size(), true);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    for (std::size_t j = 0; j < candidates.size() && on_front[i]; ++j) {
      const auto& other = candidates[j];
      const auto& self = candidates[i];
      const bool no_worse = at_least_as_good(other.quality, self.quality) && other.expense <= self.expense;
      const bool better = other.quality != self.quality || other.expense != self.expense;
      if (j != i && no_worse && better) {
        on_front[i] = false;
      }
    }
  }
  return on_front;
}

}  // namespace etalon::compare
