// Cohen's kappa (1960) between two raters on the same items, labels taken
// as unordered categories: kappa = (p_o - p_e) / (1 - p_e), p_o the observed
// agreement and p_e the agreement expected from each rater's label shares.
// Its standard error is Cohen's large-sample approximation
// sqrt(p_o (1 - p_o) / (n (1 - p_e)^2)), and the 95% interval kappa ± 1.96 SE,
// cut to [-1, 1]. At p_o = 0 or 1 that SE is 0: read it with the item count.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace etalon::stats {

struct KappaResult {
  std::size_t items = 0;
  double observed_agreement = 0;
  double chance_agreement = 0;
  // Null when undefined: no item, or both raters always gave one and the same label (p_e = 1).
  std::optional<double> kappa;
  std::optional<double> standard_error;
  std::optional<double> ci95_low;
  std::optional<double> ci95_high;
};

// Each pair is (first rater's label, second rater's label).
KappaResult CohenKappa(const std::vector<std::pair<std::string, std::string>>& ratings);

}  // namespace etalon::stats
