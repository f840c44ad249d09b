// Tests for harness/stats/proportion_interval.cpp against published values:
// Newcombe (1998), "Two-sided confidence intervals for the single proportion",
// Statistics in Medicine 17, table I, method 3 (Wilson score, no continuity
// correction): 81/263 -> 0.2553-0.3662, 15/148 -> 0.0624-0.1605,
// 0/20 -> 0-0.1611, 1/29 -> 0.0061-0.1718.
#include <catch2/catch.hpp>

#include "etalon/stats/proportion_interval.hpp"

using etalon::stats::WilsonInterval;

TEST_CASE("Wilson intervals match Newcombe's published table to four decimals", "[stats]") {
  struct Case {
    std::size_t successes, trials;
    double low, high;
  };
  for (const auto& c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0, 0.1611},
                        Case{1, 29, 0.0061, 0.1718}}) {
    const auto interval = WilsonInterval(c.successes, c.trials);
    CHECK(interval.low == Approx(c.low).margin(5e-5));
    CHECK(interval.high == Approx(c.high).margin(5e-5));
  }
}

TEST_CASE("A Wilson interval at 0 or at n successes keeps a width, mirrored", "[stats]") {
  const auto none = WilsonInterval(0, 10);
  const auto all = WilsonInterval(10, 10);
  CHECK(none.low == 0.0);
  CHECK(none.high == Approx(0.2775327999));
  CHECK(all.high == 1.0);
  CHECK(all.low == Approx(1 - none.high));
  CHECK_THROWS_AS(WilsonInterval(3, 0), std::invalid_argument);
  CHECK_THROWS_AS(WilsonInterval(4, 3), std::invalid_argument);
}

TEST_CASE("Wilson's interval matches the worked values (8 of 10: 0.4902 to 0.9433)", "[stats]") {
  // p = 0.8, z = 1.96: centre (p + z²/2n) / (1 + z²/n) = 0.71674, half-width
  // z sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n) = 0.22658.
  const auto interval = WilsonInterval(8, 10);
  CHECK(interval.low == Approx(0.49016247153664183));
  CHECK(interval.high == Approx(0.9433178485456247));
  CHECK(WilsonInterval(0, 5).high == Approx(0.43448246478317476));
  CHECK(WilsonInterval(1, 1).high == 1.0);
}
