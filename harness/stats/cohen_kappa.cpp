#include "etalon/stats/cohen_kappa.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace etalon::stats {

namespace {
constexpr double kZ95 = 1.959963984540054;
}

KappaResult CohenKappa(const std::vector<std::pair<std::string, std::string>>& ratings) {
  KappaResult result;
  result.items = ratings.size();
  if (ratings.empty()) {
    return result;
  }
  std::map<std::string, double> first_counts;
  std::map<std::string, double> second_counts;
  double agreements = 0;
  for (const auto& [first, second] : ratings) {
    first_counts[first] += 1;
    second_counts[second] += 1;
    agreements += first == second ? 1 : 0;
  }
  const double n = static_cast<double>(ratings.size());
  result.observed_agreement = agreements / n;
  for (const auto& [label, count] : first_counts) {
    const auto other = second_counts.find(label);
    if (other != second_counts.end()) {
      result.chance_agreement += (count / n) * (other->second / n);
    }
  }
  const double room = 1 - result.chance_agreement;
  if (room <= 0) {
    return result;
  }
  result.kappa = (result.observed_agreement - result.chance_agreement) / room;
  result.standard_error =
      std::sqrt(result.observed_agreement * (1 - result.observed_agreement) / (n * room * room));
  // Kappa lies in [-1, 1]; the normal interval is cut there rather than reported beyond.
  result.ci95_low = std::max(-1.0, *result.kappa - kZ95 * *result.standard_error);
  result.ci95_high = std::min(1.0, *result.kappa + kZ95 * *result.standard_error);
  return result;
}

}  // namespace etalon::stats
