// Sensitivity of the award to its weights: the exact smallest change that
// makes another offer first (worked out by hand below), and the seeded
// Dirichlet draws (same seed, same shares; shares add up to one).
#include <catch2/catch.hpp>

#include <numeric>

#include "award/award_fixtures.hpp"
#include "etalon/award/award_sensitivity.hpp"

using etalon::award::AnalyseSensitivity;
using etalon::award::AwardTable;
using etalon::award::EvaluateAward;
using etalon::award::SensitivitySettings;
using etalon::testing::Cell;
using etalon::testing::CriteriaFromYaml;
using etalon::testing::MakeInputs;
using etalon::testing::MakeOffer;

namespace {

// Technique 60 (F1 relative to the best), price 40 (lowest over candidate).
AwardTable ThreeOffers() {
  return EvaluateAward(CriteriaFromYaml("criteria:\n"
                                        "  - label: Valeur technique\n    weight: 60\n"
                                        "    measure: {kind: metric, suite: qa, metric: f1}\n"
                                        "    formula: relative_to_best\n"
                                        "  - label: Prix\n    weight: 40\n"
                                        "    measure: {kind: yearly_price, suites: [qa]}\n"
                                        "    formula: lowest_over_candidate\n"),
                       MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.8}}, 10000)}}),
                                   MakeOffer("B", {{"qa", Cell({{"f1", 0.6}}, 8000)}}),
                                   MakeOffer("C", {{"qa", Cell({{"f1", 0.4}}, 5000)}})}));
}

SensitivitySettings Settings(std::uint64_t seed, std::size_t samples = 2000) {
  SensitivitySettings settings;
  settings.seed = seed;
  settings.samples = samples;
  settings.concentration = 20;
  return settings;
}

}  // namespace

TEST_CASE("The smallest weight change that flips the winner, worked out by hand", "[award]") {
  // Shares of each leaf (technique, price): A (1, 0.5), B (0.75, 0.625), C (0.5, 1).
  // A leads B by 10 points, and each point moved from technique to price
  // gains B 0.125 + 0.25 = 0.375: 26.67 points. A leads C by 10 too, and
  // each point gains C 0.5 + 0.5 = 1: 10 points, the smallest. With weights
  // 50/50, A and C both have 75.
  const auto table = ThreeOffers();
  const auto sensitivity = AnalyseSensitivity(table, Settings(1));
  REQUIRE(sensitivity.smallest_flip);
  const auto& flip = *sensitivity.smallest_flip;
  CHECK(table.offers[flip.offer].offer.adapter == "C");
  CHECK(flip.to_leaf == 1);
  REQUIRE(flip.from.size() == 1);
  CHECK(flip.from[0].from_leaf == 0);
  CHECK(flip.from[0].points == Approx(10));
  CHECK(flip.moved_points == Approx(10));
}

TEST_CASE("When one criterion cannot give enough, weight is also taken from the next one", "[award]") {
  // Leaves of 1, 49 and 50 points. Winner W shares (1, 1, 0.5): 75 points;
  // challenger B (0, 0.8, 0.6): 69.2. B's gaps are (-1, -0.2, +0.1): points
  // go to the third leaf, first from the first (gain 1.1 a point, 1 point
  // there: 1.1 of the 5.8 lead), then from the second (gain 0.3: 4.7 / 0.3
  // = 15.667 points). Moved: 16.667; at weights (0, 33.33, 66.67) both have 66.67.
  const auto table = EvaluateAward(
      CriteriaFromYaml("criteria:\n"
                       "  - label: a\n    weight: 1\n    measure: {kind: metric, suite: qa, metric: f1}\n"
                       "    formula: linear\n    floor: 0\n    ceiling: 1\n"
                       "  - label: b\n    weight: 49\n    measure: {kind: metric, suite: qa, metric: rougeL}\n"
                       "    formula: linear\n    floor: 0\n    ceiling: 1\n"
                       "  - label: c\n    weight: 50\n    measure: {kind: metric, suite: sum, metric: f1}\n"
                       "    formula: linear\n    floor: 0\n    ceiling: 1\n"),
      MakeInputs({MakeOffer("W", {{"qa", Cell({{"f1", 1}, {"rougeL", 1}}, 1)}, {"sum", Cell({{"f1", 0.5}}, 1)}}),
                  MakeOffer("B", {{"qa", Cell({{"f1", 0}, {"rougeL", 0.8}}, 1)}, {"sum", Cell({{"f1", 0.6}}, 1)}})}));
  REQUIRE(table.offers[0].total == Approx(75));
  const auto sensitivity = AnalyseSensitivity(table, Settings(1));
  REQUIRE(sensitivity.smallest_flip);
  const auto& flip = *sensitivity.smallest_flip;
  CHECK(flip.to_leaf == 2);
  REQUIRE(flip.from.size() == 2);
  CHECK(flip.from[0].from_leaf == 0);
  CHECK(flip.from[0].points == Approx(1));
  CHECK(flip.from[1].from_leaf == 1);
  CHECK(flip.from[1].points == Approx(4.7 / 0.3));
  CHECK(flip.moved_points == Approx(1 + 4.7 / 0.3));
}

TEST_CASE("An offer no better than the winner on any criterion can never come first", "[award]") {
  const auto table = EvaluateAward(CriteriaFromYaml("criteria:\n"
                                                    "  - label: T\n    weight: 70\n"
                                                    "    measure: {kind: metric, suite: qa, metric: f1}\n"
                                                    "    formula: relative_to_best\n"
                                                    "  - label: P\n    weight: 30\n"
                                                    "    measure: {kind: yearly_price, suites: [qa]}\n"
                                                    "    formula: lowest_over_candidate\n"),
                                   MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.9}}, 100)}}),
                                               MakeOffer("B", {{"qa", Cell({{"f1", 0.5}}, 200)}})}));
  const auto sensitivity = AnalyseSensitivity(table, Settings(3));
  CHECK_FALSE(sensitivity.smallest_flip);
  CHECK(*sensitivity.winner_stays_first == 1.0);
  CHECK(sensitivity.win_share[1] == 0.0);
}

TEST_CASE("The Dirichlet draws replay with their seed and their shares add up to one", "[award]") {
  const auto table = ThreeOffers();
  const auto first = AnalyseSensitivity(table, Settings(42));
  const auto again = AnalyseSensitivity(table, Settings(42));
  const auto other = AnalyseSensitivity(table, Settings(43));
  CHECK(first.win_share == again.win_share);
  CHECK(first.win_share != other.win_share);
  CHECK(std::accumulate(first.win_share.begin(), first.win_share.end(), 0.0) == Approx(1));
  // A leads by 10 of 100 points, and C needs 10 moved: A stays first most of the time, not always.
  CHECK(*first.winner_stays_first > 0.5);
  CHECK(*first.winner_stays_first < 1.0);
  CHECK(*first.winner_stays_first == first.win_share[0]);
}

TEST_CASE("Offers that tie everywhere split every draw and have no winner to flip", "[award]") {
  const auto table = EvaluateAward(CriteriaFromYaml("criteria:\n"
                                                    "  - label: T\n    weight: 60\n"
                                                    "    measure: {kind: metric, suite: qa, metric: f1}\n"
                                                    "    formula: relative_to_best\n"
                                                    "  - label: P\n    weight: 40\n"
                                                    "    measure: {kind: yearly_price, suites: [qa]}\n"
                                                    "    formula: lowest_over_candidate\n"),
                                   MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.5}}, 100)}}),
                                               MakeOffer("B", {{"qa", Cell({{"f1", 0.5}}, 100)}})}));
  const auto sensitivity = AnalyseSensitivity(table, Settings(5, 100));
  CHECK(sensitivity.win_share == std::vector<double>{0.5, 0.5});
  CHECK_FALSE(sensitivity.winner_stays_first);
  CHECK_FALSE(sensitivity.smallest_flip);
}

TEST_CASE("A lone offer stays first in every draw", "[award]") {
  const auto table = EvaluateAward(CriteriaFromYaml("criteria:\n"
                                                    "  - label: T\n    weight: 100\n"
                                                    "    measure: {kind: metric, suite: qa, metric: f1}\n"
                                                    "    formula: relative_to_best\n"),
                                   MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.5}}, 100)}})}));
  const auto sensitivity = AnalyseSensitivity(table, Settings(5, 50));
  CHECK(*sensitivity.winner_stays_first == 1.0);
  CHECK_FALSE(sensitivity.smallest_flip);
}
