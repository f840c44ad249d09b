// Tests for the paired comparison statistics: McNemar, Holm, the minimum
// detectable difference, the two-sided sign-flip test, segment resampling
// and CompareMeans/CompareCorpus. Every expected value is worked by hand in
// the comment beside it (docs/statistics.md lists them).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "etalon/stats/detectable_difference.hpp"
#include "etalon/stats/holm.hpp"
#include "etalon/stats/mcnemar.hpp"
#include "etalon/stats/paired_comparison.hpp"
#include "etalon/stats/paired_test.hpp"
#include "etalon/stats/segment_resampling.hpp"

using etalon::stats::BootstrapSettings;
using etalon::stats::CompareCorpus;
using etalon::stats::CompareMeans;
using etalon::stats::DetectableDifference;
using etalon::stats::DetectableDifferenceOfPairs;
using etalon::stats::DetectionSettings;
using etalon::stats::ExactMcNemarPValue;
using etalon::stats::HolmAdjusted;
using etalon::stats::PairedSegmentPermutationPValue;
using etalon::stats::PairedSettings;
using etalon::stats::PairedSignFlipTest;
using etalon::stats::PairedTest;
using etalon::stats::PairedTestName;
using etalon::stats::SegmentBootstrapInterval;
using etalon::stats::SegmentRows;
using etalon::stats::TwoSidedSignFlipTest;

namespace {

// Corpus figure of (matches, total) rows: Σ matches / Σ total.
double Ratio(const std::vector<double>& summed) { return summed[0] / summed[1]; }

}  // namespace

TEST_CASE("Exact McNemar p-values from the binomial by hand", "[stats][mcnemar]") {
  // b = 0, c = 5: 2 · P(X ≤ 0) = 2 / 2^5.
  CHECK(ExactMcNemarPValue(0, 5) == Approx(0.0625).epsilon(1e-12));
  // b = 1, c = 9: 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
  CHECK(ExactMcNemarPValue(1, 9) == Approx(22.0 / 1024).epsilon(1e-12));
  CHECK(ExactMcNemarPValue(9, 1) == Approx(22.0 / 1024).epsilon(1e-12));
  // b = 2, c = 8: 2 · (1 + 10 + 45) / 1024 = 112 / 1024.
  CHECK(ExactMcNemarPValue(2, 8) == Approx(112.0 / 1024).epsilon(1e-12));
  // b = c = 3: 2 · (1 + 6 + 15 + 20) / 64 > 1, held at 1.
  CHECK(ExactMcNemarPValue(3, 3) == 1.0);
  CHECK(ExactMcNemarPValue(0, 0) == 1.0);
  // b = 0, c = 60: 2 · 2^-60, far below a double's epsilon yet not 0.
  CHECK(ExactMcNemarPValue(0, 60) == Approx(2 * std::pow(2.0, -60)).epsilon(1e-9));
}

TEST_CASE("Holm's step-down adjustment by hand", "[stats][holm]") {
  // Sorted: 0.005 · 4 = 0.02; 0.01 · 3 = 0.03; 0.03 · 2 = 0.06; 0.04 · 1 =
  // 0.04, raised to the running maximum 0.06. Back in input order:
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto adjusted = HolmAdjusted(p);
  REQUIRE(adjusted.size() == 4);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
  CHECK(adjusted[3] == Approx(0.02));
  // 0.5 · 2 = 1, then 0.6 · 1 raised to 1: nothing exceeds 1.
  const std::vector<double> large = {0.6, 0.5};
  const auto capped = HolmAdjusted(large);
  CHECK(capped[0] == 1.0);
  CHECK(capped[1] == 1.0);
  const std::vector<double> single = {0.02};
  CHECK(HolmAdjusted(single)[0] == Approx(0.02));
  CHECK(HolmAdjusted(std::vector<double>{}).empty());
}

TEST_CASE("Minimum detectable difference from the normal quantiles", "[stats][mdd]") {
  // z(0.975) + z(0.8) = 1.959964 + 0.841621 = 2.801585.
  CHECK(DetectableDifference(0.1) == Approx(0.2801585).epsilon(1e-6));
  // Differences {1, -1, 1, -1}: mean 0, SD √(4/3) = 1.154701, SE = SD/2 =
  // 0.577350, MDD = 2.801585 · 0.577350 = 1.617496.
  const std::vector<double> differences = {1, -1, 1, -1};
  REQUIRE(DetectableDifferenceOfPairs(differences));
  CHECK(*DetectableDifferenceOfPairs(differences) == Approx(1.617496).epsilon(1e-6));
  // 90% power at 1% two-sided: 2.575829 + 1.281552 = 3.857381.
  CHECK(DetectableDifference(1.0, DetectionSettings{0.01, 0.90}) == Approx(3.857381).epsilon(1e-6));
  const std::vector<double> one = {0.3};
  CHECK_FALSE(DetectableDifferenceOfPairs(one));
}

TEST_CASE("The two-sided sign-flip test counts both tails", "[stats][paired]") {
  // {1, 2, 3}: only (+,+,+) and (-,-,-) reach |sum| = 6: 2/8.
  CHECK(TwoSidedSignFlipTest({1, 2, 3}, 1).p_value == Approx(0.25));
  // {-1, -2, -3}: the same, the sign of the gap does not matter.
  CHECK(TwoSidedSignFlipTest({-1, -2, -3}, 1).p_value == Approx(0.25));
  // {3, 1}: |±3 ± 1| ≥ 4 for (+,+) and (-,-): 2/4.
  CHECK(TwoSidedSignFlipTest({3, 1}, 1).p_value == Approx(0.5));
  // Observed sum 0: every assignment is as extreme.
  CHECK(TwoSidedSignFlipTest({1, -1}, 1).p_value == Approx(1));
  // The one-sided test keeps its meaning: (+,+,+) alone, 1/8.
  CHECK(PairedSignFlipTest({1, 2, 3}, 0, 1).p_value == Approx(0.125));
}

TEST_CASE("Comparing binary scores uses the exact McNemar test", "[stats][paired]") {
  // Discordant pairs: 5 where the first alone is right, 0 the other way:
  // p = 2 / 2^5; difference 7/8 - 2/8 = 5/8.
  const std::vector<double> first = {1, 1, 1, 1, 1, 0, 1, 1};
  const std::vector<double> second = {0, 0, 0, 0, 0, 0, 1, 1};
  const auto comparison = CompareMeans(first, second, PairedSettings{});
  CHECK(comparison.test == PairedTest::kExactMcNemar);
  CHECK(comparison.pairs == 8);
  CHECK(comparison.first == Approx(0.875));
  CHECK(comparison.second == Approx(0.25));
  CHECK(comparison.difference == Approx(0.625));
  CHECK(comparison.p_value == Approx(0.0625));
  CHECK(comparison.interval.low <= comparison.difference);
  CHECK(comparison.interval.high >= comparison.difference);
  CHECK(comparison.interval.high <= 1.0);
  // Differences five 1s and three 0s: SD² = (5 · 0.375² + 3 · 0.625²) / 7 =
  // 0.267857, SE = √(0.267857 / 8) = 0.182981, MDD = 2.801585 · SE = 0.512637.
  REQUIRE(comparison.detectable_difference);
  CHECK(*comparison.detectable_difference == Approx(0.512637).epsilon(1e-5));
}

TEST_CASE("Comparing graded scores uses the sign-flip test", "[stats][paired]") {
  // Differences {0.1, 0.2, 0.3}: two-sided exact p = 2/8.
  const std::vector<double> first = {0.5, 0.7, 0.9};
  const std::vector<double> second = {0.4, 0.5, 0.6};
  const auto comparison = CompareMeans(first, second, PairedSettings{});
  CHECK(comparison.test == PairedTest::kSignFlipExact);
  CHECK(comparison.difference == Approx(0.2));
  CHECK(comparison.p_value == Approx(0.25));
  CHECK(PairedTestName(comparison.test) == "sign-flip-exact");
}

TEST_CASE("Paired comparisons of degenerate samples", "[stats][paired]") {
  // One pair: a difference, no spread, no MDD, a zero-width interval.
  const std::vector<double> one_first = {0.8};
  const std::vector<double> one_second = {0.3};
  const auto single = CompareMeans(one_first, one_second, PairedSettings{});
  CHECK(single.difference == Approx(0.5));
  CHECK(single.interval.low == Approx(0.5));
  CHECK(single.interval.high == Approx(0.5));
  CHECK_FALSE(single.detectable_difference);
  // Identical offers: difference 0, interval [0, 0], p = 1, MDD 0.
  const std::vector<double> same = {0.2, 0.4, 0.9, 0.4};
  const auto equal = CompareMeans(same, same, PairedSettings{});
  CHECK(equal.difference == 0);
  CHECK(equal.interval.low == 0);
  CHECK(equal.interval.high == 0);
  CHECK(equal.p_value == 1);
  CHECK(*equal.detectable_difference == 0);
  const std::vector<double> none;
  CHECK_THROWS_AS(CompareMeans(none, none, PairedSettings{}), std::invalid_argument);
  CHECK_THROWS_AS(CompareMeans(one_first, same, PairedSettings{}), std::invalid_argument);
}

TEST_CASE("Corpus figures are resampled by segment", "[stats][corpus]") {
  // Two segments (1 of 1) and (0 of 1): a resample's ratio is 1, 1/2 or 0
  // with probabilities 1/4, 1/2, 1/4, as the mean of {0, 1}: [0, 1].
  const SegmentRows segments = {{1, 1}, {0, 1}};
  const auto interval = SegmentBootstrapInterval(segments, Ratio, BootstrapSettings{2000, 8, 0.95});
  CHECK(interval.low == 0);
  CHECK(interval.high == 1);
  // The order of segments does not matter.
  const SegmentRows many = {{3, 5}, {1, 4}, {0, 2}, {2, 2}, {4, 9}, {1, 1}, {0, 3}};
  SegmentRows reversed(many.rbegin(), many.rend());
  const auto forward = SegmentBootstrapInterval(many, Ratio, BootstrapSettings{500, 8, 0.95});
  const auto backward = SegmentBootstrapInterval(reversed, Ratio, BootstrapSettings{500, 8, 0.95});
  CHECK(forward.low == backward.low);
  CHECK(forward.high == backward.high);
  CHECK(forward.low < 11.0 / 26);
  CHECK(forward.high > 11.0 / 26);
}

TEST_CASE("The paired segment permutation test by hand", "[stats][corpus]") {
  // Segment totals 2, 2, 4 on both sides; the first offer matches one more
  // in each. Swapping a set S of segments gives the first (6 - |S|) / 8 and
  // the second (3 + |S|) / 8, a difference (3 - 2|S|) / 8, as far from 0 as
  // the observed 3/8 only for |S| = 0 or 3: probability 2/8.
  const SegmentRows first = {{1, 2}, {2, 2}, {3, 4}};
  const SegmentRows second = {{0, 2}, {1, 2}, {2, 4}};
  CHECK(PairedSegmentPermutationPValue(first, second, Ratio, 5) == Approx(0.25).margin(0.015));
  const auto comparison = CompareCorpus(first, second, Ratio, PairedSettings{});
  CHECK(comparison.test == PairedTest::kSegmentPermutation);
  CHECK(comparison.first == Approx(0.75));
  CHECK(comparison.second == Approx(0.375));
  CHECK(comparison.difference == Approx(0.375));
  CHECK(comparison.interval.low <= 0.375);
  CHECK(comparison.interval.high >= 0.375);
  REQUIRE(comparison.detectable_difference);
  CHECK(*comparison.detectable_difference > 0);
  // Identical offers: every permutation is as extreme as 0, p = 1.
  const auto same = CompareCorpus(first, first, Ratio, PairedSettings{});
  CHECK(same.p_value == 1);
  CHECK(same.interval.low == 0);
  CHECK(same.interval.high == 0);
}
