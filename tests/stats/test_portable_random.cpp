// The portable distributions: a seed replays the same draws, and the
// moments match the distributions' (mean and variance of Gamma(k) are both
// k; a Dirichlet component's mean is alpha_i / sum of alpha).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "etalon/stats/portable_random.hpp"

using etalon::stats::PortableRandom;

TEST_CASE("Portable draws replay with their seed and differ with another", "[stats]") {
  PortableRandom a(7);
  PortableRandom b(7);
  PortableRandom c(8);
  for (int i = 0; i < 100; ++i) {
    const double draw = a.Gamma(2.5);
    CHECK(draw == b.Gamma(2.5));
    CHECK(draw != c.Gamma(2.5));
  }
}

TEST_CASE("Uniform draws stay strictly inside (0, 1)", "[stats]") {
  PortableRandom random(1);
  double lowest = 1;
  double highest = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = random.Uniform();
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
  }
  CHECK(lowest > 0);
  CHECK(highest < 1);
}

TEST_CASE("Gamma draws have mean and variance equal to their shape, below and above 1", "[stats]") {
  for (const double shape : {0.3, 1.0, 4.0, 50.0}) {
    PortableRandom random(2026);
    constexpr int kDraws = 200000;
    double sum = 0;
    double squares = 0;
    double lowest = 1;
    for (int i = 0; i < kDraws; ++i) {
      const double x = random.Gamma(shape);
      lowest = std::min(lowest, x);
      sum += x;
      squares += x * x;
    }
    const double mean = sum / kDraws;
    const double variance = squares / kDraws - mean * mean;
    INFO("shape " << shape);
    CHECK(lowest > 0);
    // Standard error of the mean: sqrt(shape / n), under 0.016 here; 5 of them.
    CHECK(std::abs(mean - shape) < 5 * std::sqrt(shape / kDraws));
    CHECK(variance == Approx(shape).epsilon(0.05));
  }
}

TEST_CASE("Dirichlet draws sum to one and centre on alpha over its sum", "[stats]") {
  PortableRandom random(11);
  const std::vector<double> alpha = {60, 30, 10};
  std::vector<double> mean(3, 0.0);
  double sum_error = 0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) {
    const auto draw = random.Dirichlet(alpha);
    sum_error = std::max(sum_error, std::abs(draw[0] + draw[1] + draw[2] - 1));
    for (std::size_t j = 0; j < 3; ++j) {
      mean[j] += draw[j] / kDraws;
    }
  }
  CHECK(sum_error < 1e-12);
  CHECK(mean[0] == Approx(0.6).margin(0.005));
  CHECK(mean[1] == Approx(0.3).margin(0.005));
  CHECK(mean[2] == Approx(0.1).margin(0.005));
}
