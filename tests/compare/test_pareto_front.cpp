// Tests for harness/compare/pareto_front.cpp, worked by hand: an offer is
// off the front when another is at least as good on quality and expense
// and strictly better on one.
#include <catch2/catch.hpp>

#include <vector>

#include "etalon/compare/pareto_front.hpp"

using etalon::compare::ParetoCandidate;
using etalon::compare::ParetoFront;

TEST_CASE("The Pareto front keeps the offers no other one beats on both figures", "[compare][pareto]") {
  // (quality, cost): A (0.9, 3) best quality; B (0.7, 1) cheapest; C (0.6, 2)
  // worse and dearer than B; D (0.9, 4) as good as A but dearer.
  const std::vector<ParetoCandidate> offers = {{0.9, 3}, {0.7, 1}, {0.6, 2}, {0.9, 4}};
  CHECK(ParetoFront(offers, true) == std::vector<bool>{true, true, false, false});
  // Lower quality is better (an error rate): B is still the cheapest; C has
  // the best quality; A (0.9, 3) is beaten by C (0.6, 2) on both, D by all.
  CHECK(ParetoFront(offers, false) == std::vector<bool>{false, true, true, false});
}

TEST_CASE("Equal offers share the front and a lone offer is on it", "[compare][pareto]") {
  const std::vector<ParetoCandidate> twins = {{0.5, 1}, {0.5, 1}, {0.4, 1}};
  CHECK(ParetoFront(twins, true) == std::vector<bool>{true, true, false});
  const std::vector<ParetoCandidate> single = {{0.1, 9}};
  CHECK(ParetoFront(single, true) == std::vector<bool>{true});
  CHECK(ParetoFront(std::vector<ParetoCandidate>{}, true).empty());
}
