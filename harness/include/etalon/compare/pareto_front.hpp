// The Pareto front of offers on two figures: quality (higher or lower is
// better, as the metric says) against a figure where lower is better (cost,
// energy, latency). An offer is on the front when no other offer is at least
// as good on both figures and strictly better on one: the offers a buyer
// could reasonably choose, whatever weight they give each figure.
#pragma once

#include <span>
#include <vector>

namespace etalon::compare {

struct ParetoCandidate {
  double quality = 0;
  double expense = 0;  // lower is better
};

// One flag per candidate, in input order. Equal candidates are both on the front.
std::vector<bool> ParetoFront(std::span<const ParetoCandidate> candidates, bool higher_quality_is_better);

}  // namespace etalon::compare
