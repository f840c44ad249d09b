// Tests for harness/stats/bootstrap.cpp. Where the expected values come from:
// - BCa pieces: worked by hand below; the fractions were checked with
//   Python's standard library (statistics.NormalDist, no numpy or scipy).
// - Two values {0, 1}: a resampled mean is 0, 0.5 or 1 with probabilities
//   1/4, 1/2, 1/4, so among 2000 resamples about 500 are 0 and 500 are 1:
//   the 2.5% and 97.5% quantiles (ranks 50 and 1950) are exactly 0 and 1.
// - Larger samples: the bootstrap distribution of a mean is close to normal
//   with the plug-in standard error σ̂/√n (σ̂ with divisor n), so the 95%
//   interval is close to mean ± 1.96 σ̂/√n; the tolerance covers the Monte
//   Carlo error of 2000 resamples (about a tenth of a standard error).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "etalon/stats/bootstrap.hpp"

using etalon::stats::BcaBootstrap;
using etalon::stats::BcaFractions;
using etalon::stats::BootstrapMeanInterval;
using etalon::stats::BootstrapSettings;
using etalon::stats::Interval;
using etalon::stats::JackknifeAcceleration;
using etalon::stats::PercentileBootstrap;
using etalon::stats::ResampleStatistic;

namespace {

ResampleStatistic MeanStatistic(const std::vector<double>& values) {
  return [&values](std::span<const std::size_t> indices) {
    double sum = 0;
    for (const std::size_t index : indices) {
      sum += values[index];
    }
    return sum / static_cast<double>(indices.size());
  };
}

std::vector<double> Binary(std::size_t ones, std::size_t zeros) {
  std::vector<double> values(ones, 1.0);
  values.resize(ones + zeros, 0.0);
  return values;
}

}  // namespace

TEST_CASE("Jackknife acceleration worked by hand", "[stats][bootstrap]") {
  // Mean of {0, 0, 0, 1}: leaving out a 0 gives 1/3 (three times), leaving
  // out the 1 gives 0. Mean m = 1/4; m - θ_i = -1/12 (x3) and 1/4.
  // Σ cubes = -3/1728 + 27/1728 = 1/72; Σ squares = 3/144 + 9/144 = 1/12;
  // a = (1/72) / (6 (1/12)^1.5) = √12 / 36 = √3 / 18.
  const std::vector<double> leave_one_out = {1.0 / 3, 1.0 / 3, 1.0 / 3, 0.0};
  CHECK(JackknifeAcceleration(leave_one_out) == Approx(std::sqrt(3.0) / 18).epsilon(1e-12));
  // Symmetric around their mean: no skew, no acceleration.
  const std::vector<double> symmetric = {1, 2, 3, 4, 5};
  CHECK(JackknifeAcceleration(symmetric) == 0);
  const std::vector<double> equal = {2, 2, 2};
  CHECK(JackknifeAcceleration(equal) == 0);
}

TEST_CASE("BCa fractions worked by hand", "[stats][bootstrap]") {
  // z0 = 0, a = 0: the nominal 2.5% and 97.5%.
  const Interval plain = BcaFractions(0, 0, 0.95);
  CHECK(plain.low == Approx(0.025).epsilon(1e-12));
  CHECK(plain.high == Approx(0.975).epsilon(1e-12));
  // z0 = 0.5, a = 0: Φ(2 z0 ∓ 1.959964) = Φ(-0.959964), Φ(2.959964).
  const Interval shifted = BcaFractions(0.5, 0, 0.95);
  CHECK(shifted.low == Approx(0.16853667071020262).epsilon(1e-10));
  CHECK(shifted.high == Approx(0.998461624957115).epsilon(1e-10));
  // z0 = 0.5, a = 0.1, low end: z0 + z = -1.459964, 1 - a(z0 + z) = 1.1459964,
  // Φ(0.5 - 1.459964 / 1.1459964) = Φ(-0.773967) = 0.2194745.
  const Interval accelerated = BcaFractions(0.5, 0.1, 0.95);
  CHECK(accelerated.low == Approx(0.21947453633554026).epsilon(1e-10));
  CHECK(accelerated.high == Approx(0.9999159004965319).epsilon(1e-10));
  // a = 1: at the high end 1 - a(z0 + z) = 1 - 1.96 < 0, the fraction is held at 1.
  const Interval runaway = BcaFractions(0, 1, 0.95);
  CHECK(runaway.low == Approx(0.25393496748469113).epsilon(1e-10));
  CHECK(runaway.high == 1.0);
  // Another level: 90%, z0 = -0.3, a = -0.05.
  const Interval ninety = BcaFractions(-0.3, -0.05, 0.90);
  CHECK(ninety.low == Approx(0.007057011555356429).epsilon(1e-10));
  CHECK(ninety.high == Approx(0.8315025360895164).epsilon(1e-10));
}

TEST_CASE("Two values 0 and 1 give the interval [0, 1]", "[stats][bootstrap]") {
  const std::vector<double> values = {0, 1};
  const BootstrapSettings settings{2000, 7, 0.95};
  const Interval percentile = PercentileBootstrap(2, MeanStatistic(values), settings);
  CHECK(percentile.low == 0);
  CHECK(percentile.high == 1);
  // Symmetric: z0 is about 0 (half the resamples tie, counted half) and a = 0.
  const Interval bca = BcaBootstrap(2, MeanStatistic(values), settings);
  CHECK(bca.low == 0);
  CHECK(bca.high == 1);
}

TEST_CASE("A success rate of 30 in 100 has the binomial interval", "[stats][bootstrap]") {
  // 100 × a resampled mean is Binomial(100, 0.3): 2.5% and 97.5% quantiles 21 and 39.
  const auto values = Binary(30, 70);
  const BootstrapSettings settings{2000, 11, 0.95};
  const Interval percentile = PercentileBootstrap(values.size(), MeanStatistic(values), settings);
  CHECK(percentile.low == Approx(0.21).margin(0.015));
  CHECK(percentile.high == Approx(0.39).margin(0.015));
  const Interval bca = BootstrapMeanInterval(values, settings);
  CHECK(bca.low == Approx(0.21).margin(0.015));
  CHECK(bca.high == Approx(0.39).margin(0.015));
}

TEST_CASE("The interval of a mean follows normal theory for a larger sample", "[stats][bootstrap]") {
  // 0..199: mean 99.5, plug-in variance (n² - 1) / 12 = 3333.25, standard
  // error √(3333.25 / 200) = 4.0825, so 99.5 ± 8.0015 = [91.50, 107.50].
  std::vector<double> values(200);
  std::iota(values.begin(), values.end(), 0.0);
  const BootstrapSettings settings{2000, 3, 0.95};
  const Interval bca = BootstrapMeanInterval(values, settings);
  CHECK(bca.low == Approx(91.50).margin(0.8));
  CHECK(bca.high == Approx(107.50).margin(0.8));
  const Interval percentile = PercentileBootstrap(values.size(), MeanStatistic(values), settings);
  CHECK(percentile.low == Approx(91.50).margin(0.8));
  CHECK(percentile.high == Approx(107.50).margin(0.8));
}

TEST_CASE("BCa moves the interval of a right-skewed mean to the right", "[stats][bootstrap]") {
  // 5 values of 100 among 100: positive skew, so a > 0 and z0 > 0 (the
  // resampled means' median lies below the estimate 5); BCa's ends sit
  // above the percentile ends, as Efron and Tibshirani's chapter 14 shows.
  std::vector<double> values(95, 0.0);
  values.resize(100, 100.0);
  const BootstrapSettings settings{4000, 5, 0.95};
  const Interval percentile = PercentileBootstrap(values.size(), MeanStatistic(values), settings);
  const Interval bca = BcaBootstrap(values.size(), MeanStatistic(values), settings);
  CHECK(bca.low > percentile.low);
  CHECK(bca.high > percentile.high);
}

TEST_CASE("The closed-form jackknife of the mean agrees with the generic one", "[stats][bootstrap]") {
  std::vector<double> values;
  for (int i = 0; i < 60; ++i) {
    values.push_back(std::fmod(i * 0.37, 1.0) * (i % 4 == 0 ? 3.0 : 1.0));
  }
  std::sort(values.begin(), values.end());
  const BootstrapSettings settings{1000, 99, 0.95};
  const Interval fast = BootstrapMeanInterval(values, settings);
  const Interval generic = BcaBootstrap(values.size(), MeanStatistic(values), settings);
  CHECK(fast.low == Approx(generic.low).epsilon(1e-9));
  CHECK(fast.high == Approx(generic.high).epsilon(1e-9));
}

TEST_CASE("A bootstrap is reproducible for a seed and independent of input order", "[stats][bootstrap]") {
  std::vector<double> values;
  for (int i = 0; i < 50; ++i) {
    values.push_back(std::fmod(i * 0.61, 1.0));
  }
  const BootstrapSettings settings{500, 2026, 0.95};
  const Interval first = BootstrapMeanInterval(values, settings);
  const Interval again = BootstrapMeanInterval(values, settings);
  CHECK(first.low == again.low);
  CHECK(first.high == again.high);
  std::vector<double> reversed(values.rbegin(), values.rend());
  const Interval from_reversed = BootstrapMeanInterval(reversed, settings);
  CHECK(from_reversed.low == first.low);
  CHECK(from_reversed.high == first.high);
  const Interval other_seed = BootstrapMeanInterval(values, BootstrapSettings{500, 2027, 0.95});
  CHECK((other_seed.low != first.low || other_seed.high != first.high));
  const Interval percentile = PercentileBootstrap(values.size(), MeanStatistic(values), settings);
  const Interval percentile_again = PercentileBootstrap(values.size(), MeanStatistic(values), settings);
  CHECK(percentile.low == percentile_again.low);
  CHECK(percentile.high == percentile_again.high);
}

TEST_CASE("Degenerate samples give a zero-width interval at the estimate", "[stats][bootstrap]") {
  const BootstrapSettings settings{200, 1, 0.95};
  const std::vector<double> one = {0.42};
  const Interval single = BootstrapMeanInterval(one, settings);
  CHECK(single.low == 0.42);
  CHECK(single.high == 0.42);
  CHECK(PercentileBootstrap(1, MeanStatistic(one), settings).high == 0.42);
  CHECK(BcaBootstrap(1, MeanStatistic(one), settings).low == 0.42);

  const std::vector<double> equal(40, 0.7);
  const Interval flat = BootstrapMeanInterval(equal, settings);
  CHECK(flat.low == Approx(0.7));
  CHECK(flat.high == Approx(0.7));
  const Interval flat_generic = BcaBootstrap(equal.size(), MeanStatistic(equal), settings);
  CHECK_FALSE(std::isnan(flat_generic.low));
  CHECK(flat_generic.low == Approx(0.7));
  CHECK(flat_generic.high == Approx(0.7));
}

TEST_CASE("A corpus-style ratio of sums resamples whole segments", "[stats][bootstrap]") {
  // Each segment holds (matches, total) with matches = total / 2: whatever
  // segments a resample draws, Σ matches / Σ total is 1/2.
  const std::vector<std::pair<double, double>> segments = {{1, 2}, {5, 10}, {2, 4}, {7, 14}, {3, 6}};
  const ResampleStatistic ratio = [&segments](std::span<const std::size_t> indices) {
    double matches = 0;
    double total = 0;
    for (const std::size_t index : indices) {
      matches += segments[index].first;
      total += segments[index].second;
    }
    return matches / total;
  };
  const Interval interval = BcaBootstrap(segments.size(), ratio, BootstrapSettings{300, 4, 0.95});
  CHECK(interval.low == Approx(0.5));
  CHECK(interval.high == Approx(0.5));
}

TEST_CASE("Caller errors in bootstrap settings are rejected", "[stats][bootstrap]") {
  const std::vector<double> none;
  CHECK_THROWS_AS(BootstrapMeanInterval(none, BootstrapSettings{}), std::invalid_argument);
  const std::vector<double> values = {1, 2, 3};
  CHECK_THROWS_AS(BootstrapMeanInterval(values, BootstrapSettings{0, 1, 0.95}), std::invalid_argument);
  CHECK_THROWS_AS(BootstrapMeanInterval(values, BootstrapSettings{100, 1, 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(PercentileBootstrap(3, MeanStatistic(values), BootstrapSettings{100, 1, 0.0}),
                  std::invalid_argument);
}
