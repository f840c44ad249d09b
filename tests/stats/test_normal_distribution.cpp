// Tests for harness/stats/normal_distribution.cpp. Reference quantiles are
// the classic table values (Abramowitz and Stegun 26.2; also Python's
// statistics.NormalDist().inv_cdf): Φ⁻¹(0.975) = 1.959963984540054,
// Φ⁻¹(0.8) = 0.8416212335729143, Φ⁻¹(0.001) = -3.090232306167813.
#include <catch2/catch.hpp>

#include <cmath>

#include "etalon/stats/normal_distribution.hpp"

using etalon::stats::NormalCdf;
using etalon::stats::NormalQuantile;

TEST_CASE("The normal quantile matches table values", "[stats][normal]") {
  CHECK(NormalQuantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(NormalQuantile(0.025) == Approx(-1.959963984540054).epsilon(1e-14));
  CHECK(NormalQuantile(0.8) == Approx(0.8416212335729143).epsilon(1e-14));
  CHECK(NormalQuantile(0.001) == Approx(-3.090232306167813).epsilon(1e-14));
  CHECK(NormalQuantile(0.5) == 0);
  CHECK(NormalCdf(0) == 0.5);
  CHECK(NormalCdf(1.959963984540054) == Approx(0.975).epsilon(1e-14));
}

TEST_CASE("The normal quantile inverts the CDF from the far tails to the centre", "[stats][normal]") {
  for (const double p : {1e-300, 1e-20, 1e-10, 1e-5, 0.02, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-10}) {
    INFO("p = " << p);
    CHECK(NormalCdf(NormalQuantile(p)) == Approx(p).epsilon(1e-12));
  }
}

TEST_CASE("The normal quantile is infinite at 0 and 1 and NaN outside", "[stats][normal]") {
  CHECK(std::isinf(NormalQuantile(0)));
  CHECK(NormalQuantile(0) < 0);
  CHECK(std::isinf(NormalQuantile(1)));
  CHECK(NormalQuantile(1) > 0);
  CHECK(std::isnan(NormalQuantile(-0.1)));
  CHECK(std::isnan(NormalQuantile(1.5)));
}
