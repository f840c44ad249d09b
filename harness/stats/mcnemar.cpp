#include "etalon/stats/mcnemar.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace etalon::stats {

double ExactMcNemarPValue(std::size_t first_only, std::size_t second_only) {
  const std::size_t discordant = first_only + second_only;
  if (discordant == 0) {
    return 1.0;
  }
  const std::size_t smaller = std::min(first_only, second_only);
  // P(X <= smaller) for X ~ Binomial(discordant, 1/2), summed in log space so
  // that tens of thousands of discordant pairs do not underflow a term.
  const double n = static_cast<double>(discordant);
  const double log_half_power = -n * std::log(2.0);
  double largest = -INFINITY;
  std::vector<double> log_terms;
  log_terms.reserve(smaller + 1);
  for (std::size_t k = 0; k <= smaller; ++k) {
    const double kk = static_cast<double>(k);
    const double log_term = std::lgamma(n + 1) - std::lgamma(kk + 1) - std::lgamma(n - kk + 1) + log_half_power;
    log_terms.push_back(log_term);
    largest = std::max(largest, log_term);
  }
  double scaled = 0;
  for (const double log_term : log_terms) {
    scaled += std::exp(log_term - largest);
  }
  return std::min(1.0, 2.0 * std::exp(largest) * scaled);
}

}  // namespace etalon::stats
