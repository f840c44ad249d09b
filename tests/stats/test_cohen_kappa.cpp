// Cohen's kappa against a case worked by hand: 50 items, both raters "oui"
// on 20, the first "oui" and the second "non" on 5, the reverse on 10, both
// "non" on 15. p_o = 35/50 = 0.7; the first says "oui" 25 times (0.5), the
// second 30 times (0.6), so p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5 and
// kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4. SE = sqrt(0.7 * 0.3 / (50 * 0.25)) = 0.129615.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "etalon/stats/cohen_kappa.hpp"

using etalon::stats::CohenKappa;
using Ratings = std::vector<std::pair<std::string, std::string>>;

namespace {

Ratings Repeat(Ratings ratings, const std::pair<std::string, std::string>& pair, int times) {
  for (int i = 0; i < times; ++i) {
    ratings.push_back(pair);
  }
  return ratings;
}

}  // namespace

TEST_CASE("Cohen's kappa of the 50-item two-label case is 0.4 with SE 0.1296", "[stats][kappa]") {
  Ratings ratings;
  ratings = Repeat(ratings, {"oui", "oui"}, 20);
  ratings = Repeat(ratings, {"oui", "non"}, 5);
  ratings = Repeat(ratings, {"non", "oui"}, 10);
  ratings = Repeat(ratings, {"non", "non"}, 15);
  const auto result = CohenKappa(ratings);
  CHECK(result.items == 50);
  CHECK(result.observed_agreement == Approx(0.7));
  CHECK(result.chance_agreement == Approx(0.5));
  REQUIRE(result.kappa);
  CHECK(*result.kappa == Approx(0.4));
  CHECK(*result.standard_error == Approx(0.1296148139681572));
  CHECK(*result.ci95_low == Approx(0.4 - 1.959963984540054 * 0.1296148139681572));
  CHECK(*result.ci95_high == Approx(0.4 + 1.959963984540054 * 0.1296148139681572));
}

TEST_CASE("Cohen's kappa is 1 for full agreement over several labels and does not depend on order",
          "[stats][kappa]") {
  const Ratings ratings = {{"5", "5"}, {"3", "3"}, {"1", "1"}, {"3", "3"}};
  const auto result = CohenKappa(ratings);
  REQUIRE(result.kappa);
  CHECK(*result.kappa == Approx(1));
  CHECK(*result.standard_error == Approx(0));
  const Ratings reordered = {{"3", "3"}, {"1", "1"}, {"3", "3"}, {"5", "5"}};
  CHECK(*CohenKappa(reordered).kappa == *result.kappa);
}

TEST_CASE("Cohen's kappa degenerate cases: none, one item, one label everywhere", "[stats][kappa]") {
  CHECK_FALSE(CohenKappa({}).kappa);
  // Both raters always "5": p_e = 1, kappa undefined rather than 0/0.
  CHECK_FALSE(CohenKappa({{"5", "5"}, {"5", "5"}}).kappa);
  CHECK_FALSE(CohenKappa({{"5", "5"}}).kappa);
  // One item, disagreeing: p_o = 0, p_e = 0, kappa = 0.
  const auto one = CohenKappa({{"5", "4"}});
  REQUIRE(one.kappa);
  CHECK(*one.kappa == Approx(0));
  // A constant judge against varied humans: p_e = p_o, kappa = 0 (agreement no better than chance).
  const auto constant = CohenKappa({{"5", "5"}, {"5", "5"}, {"5", "4"}, {"5", "5"}, {"5", "5"}});
  REQUIRE(constant.kappa);
  CHECK(*constant.kappa == Approx(0).margin(1e-12));
  // p_o = 0.8, p_e = 0.8: SE = sqrt(0.16 / (5 * 0.04)) = 0.894, so 1.96 SE passes 1: the interval stops at +-1.
  CHECK(*constant.standard_error == Approx(std::sqrt(0.8)));
  CHECK(*constant.ci95_low == -1);
  CHECK(*constant.ci95_high == 1);
}
