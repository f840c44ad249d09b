// Tests for harness/stats/rank_sum_test.cpp and holm.cpp. The
// hand-worked U: pooled {1, 2, 2, 2, 3} has midranks 1, 3, 3, 3, 5, so the
// first sample {1, 2, 2} has rank sum 7 and U = 7 - 3·4/2 = 1.
#include <catch2/catch.hpp>

#include <vector>

#include "etalon/stats/holm.hpp"
#include "etalon/stats/rank_sum_test.hpp"

using etalon::stats::HolmAdjusted;
using etalon::stats::RankSumTest;

TEST_CASE("The rank-sum test uses midranks for ties", "[stats][rank_sum]") {
  const std::vector<double> first{1, 2, 2};
  const std::vector<double> second{2, 3};
  CHECK(RankSumTest(first, second, 999, 1).u == Approx(1));
}

TEST_CASE("Identical samples are never significant, separated ones are", "[stats][rank_sum]") {
  const std::vector<double> constant(12, 5.0);
  // Every relabelling ties with the observed one.
  CHECK(RankSumTest(constant, constant, 999, 1).p_value == Approx(1));
  std::vector<double> low;
  std::vector<double> high;
  for (int i = 0; i < 12; ++i) {
    low.push_back(10 + i);
    high.push_back(100 + i);
  }
  // Only 2 of the C(24, 12) = 2 704 156 splits are as extreme: no draw finds one, the observed split counts.
  const auto separated = RankSumTest(low, high, 4999, 7);
  CHECK(separated.p_value == Approx(1.0 / 5000));
  CHECK(separated.u == Approx(0));
  CHECK(RankSumTest(high, low, 4999, 7).p_value == Approx(1.0 / 5000));
}

TEST_CASE("Rank-sum p-values are reproducible for a seed and near the exact value", "[stats][rank_sum]") {
  // first {1, 2, 3}, second {4, 5}: splits with rank sum as far from 9 as 6 are {1,2,3} and {3,4,5}: 2 of 10.
  const std::vector<double> first{1, 2, 3};
  const std::vector<double> second{4, 5};
  const auto result = RankSumTest(first, second, 19'999, 3);
  CHECK(result.p_value == RankSumTest(first, second, 19'999, 3).p_value);
  CHECK(result.p_value == Approx(0.2).margin(0.01));
}

TEST_CASE("Holm's adjustment matches a hand computation", "[stats][holm]") {
  // Sorted 0.01, 0.03, 0.04 times 3, 2, 1: 0.03, 0.06, 0.04 -> running maximum 0.03, 0.06, 0.06.
  const std::vector<double> p_values{0.01, 0.04, 0.03};
  const auto adjusted = HolmAdjusted(p_values);
  REQUIRE(adjusted.size() == 3);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
  const std::vector<double> large{0.5, 0.9};
  CHECK(HolmAdjusted(large)[1] == Approx(1));
  CHECK(HolmAdjusted(std::vector<double>{}).empty());
}
