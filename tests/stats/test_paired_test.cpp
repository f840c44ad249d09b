// Tests for harness/stats/paired_test.cpp. Expected p-values are counted by
// hand over the 2^n sign assignments: for d = [1, 2, 3] and margin 0 only
// (+,+,+) reaches the observed sum 6, so p = 1/8; with margin 1 the centred
// values are [0, 1, 2], the first sign does not matter, so (±,+,+) reach 3
// and p = 2/8.
#include <catch2/catch.hpp>

#include "etalon/stats/paired_test.hpp"

using etalon::stats::PairedSignFlipTest;

TEST_CASE("The exact sign-flip test matches a hand count", "[stats][paired]") {
  const auto plain = PairedSignFlipTest({1, 2, 3}, 0, 1);
  CHECK(plain.exact);
  CHECK(plain.pairs == 3);
  CHECK(plain.mean_difference == Approx(2));
  CHECK(plain.p_value == Approx(0.125));
  CHECK(PairedSignFlipTest({1, 2, 3}, 1, 1).p_value == Approx(0.25));
  // No difference at all: every assignment ties with the observed one.
  CHECK(PairedSignFlipTest({0, 0, 0, 0}, 0, 1).p_value == Approx(1));
  // Differences all below the margin: never significant.
  CHECK(PairedSignFlipTest({0.1, 0.2, 0.1}, 0.5, 1).p_value == Approx(1));
  CHECK(PairedSignFlipTest({}, 0, 1).p_value == 1);
}

TEST_CASE("Above 16 pairs the test resamples, reproducibly for a seed", "[stats][paired]") {
  std::vector<double> differences(20, 1.0);
  const auto first = PairedSignFlipTest(differences, 0, 42, 2000);
  CHECK_FALSE(first.exact);
  // Only the all-plus assignment (probability 2^-20) reaches the observed sum:
  // no draw hits it, and the observed assignment is counted in: 1 / 2001.
  CHECK(first.p_value == Approx(1.0 / 2001));
  std::vector<double> mixed;
  for (int i = 0; i < 30; ++i) {
    mixed.push_back((i % 3 == 0 ? -0.4 : 0.3) + 0.01 * i);
  }
  CHECK(PairedSignFlipTest(mixed, 0, 42).p_value == PairedSignFlipTest(mixed, 0, 42).p_value);
  CHECK(PairedSignFlipTest(mixed, 0, 42).p_value != PairedSignFlipTest(mixed, 0, 43).p_value);
}
