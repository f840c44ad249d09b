#include "etalon/stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/normal_distribution.hpp"

namespace etalon::stats {

namespace {

// Two statistics closer than this (relative) are ties: a resampled mean that
// equals the estimate up to rounding is neither below nor above it.
bool Ties(double a, double b) { return std::abs(a - b) <= 1e-12 * (1.0 + std::abs(b)); }

void CheckArguments(std::size_t n, const BootstrapSettings& settings) {
  if (n == 0) {
    throw std::invalid_argument("bootstrap: no values to resample");
  }
  if (settings.resamples == 0) {
    throw std::invalid_argument("bootstrap: resamples must be at least 1");
  }
  if (!(settings.level > 0 && settings.level < 1)) {
    throw std::invalid_argument("bootstrap: level must lie strictly between 0 and 1");
  }
}

// A uniform index in 0..n-1 without modulo bias: draws below 2^64 mod n are
// rejected, so the accepted range is a whole multiple of n.
std::size_t DrawIndex(std::mt19937_64& generator, std::uint64_t n) {
  const std::uint64_t rejected_below = (0 - n) % n;
  std::uint64_t draw = generator();
  while (draw < rejected_below) {
    draw = generator();
  }
  return static_cast<std::size_t>(draw % n);
}

double EstimateOf(std::size_t n, const ResampleStatistic& statistic) {
  std::vector<std::size_t> identity(n);
  std::iota(identity.begin(), identity.end(), std::size_t{0});
  return statistic(identity);
}

// The B resampled statistics, sorted ascending.
std::vector<double> SortedReplicates(std::size_t n, const ResampleStatistic& statistic,
                                     const BootstrapSettings& settings) {
  std::mt19937_64 generator(settings.seed);
  std::vector<std::size_t> indices(n);
  std::vector<double> replicates;
  replicates.reserve(settings.resamples);
  for (std::size_t b = 0; b < settings.resamples; ++b) {
    for (auto& index : indices) {
      index = DrawIndex(generator, n);
    }
    const double replicate = statistic(indices);
    if (!std::isfinite(replicate)) {
      throw std::domain_error("bootstrap: the statistic is not finite for a resample");
    }
    replicates.push_back(replicate);
  }
  std::sort(replicates.begin(), replicates.end());
  return replicates;
}

double QuantileOf(const std::vector<double>& sorted, double fraction) { return SortedPercentile(sorted, 100.0 * fraction); }

Interval PercentileFromReplicates(const std::vector<double>& sorted, double level) {
  return {QuantileOf(sorted, (1 - level) / 2), QuantileOf(sorted, (1 + level) / 2)};
}

Interval BcaFromReplicates(double estimate, const std::vector<double>& sorted, std::span<const double> jackknife,
                           double level) {
  std::size_t below = 0;
  std::size_t tied = 0;
  for (const double replicate : sorted) {
    if (Ties(replicate, estimate)) {
      ++tied;
    } else if (replicate < estimate) {
      ++below;
    }
  }
  if (tied == sorted.size()) {
    return {estimate, estimate};
  }
  const auto resamples = static_cast<double>(sorted.size());
  // Kept off 0 and 1 so that z0 stays finite when every resample falls on one side.
  const double share = std::clamp((static_cast<double>(below) + 0.5 * static_cast<double>(tied)) / resamples,
                                  0.5 / resamples, 1 - 0.5 / resamples);
  const Interval fractions = BcaFractions(NormalQuantile(share), JackknifeAcceleration(jackknife), level);
  return {QuantileOf(sorted, fractions.low), QuantileOf(sorted, fractions.high)};
}

std::vector<double> JackknifeOf(std::size_t n, const ResampleStatistic& statistic) {
  // Leaving out i: indices 0..i-1 then i+1..n-1. Moving from i to i + 1 only
  // puts i back at position i.
  std::vector<std::size_t> kept(n - 1);
  std::iota(kept.begin(), kept.end(), std::size_t{1});
  std::vector<double> values;
  values.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    values.push_back(statistic(kept));
    if (i + 1 < n) {
      kept[i] = i;
    }
  }
  return values;
}

double MeanOf(std::span<const double> values, std::span<const std::size_t> indices) {
  double sum = 0;
  for (const std::size_t index : indices) {
    sum += values[index];
  }
  return sum / static_cast<double>(indices.size());
}

}  // namespace

Interval PercentileBootstrap(std::size_t n, const ResampleStatistic& statistic, const BootstrapSettings& settings) {
  CheckArguments(n, settings);
  if (n == 1) {
    const double estimate = EstimateOf(n, statistic);
    return {estimate, estimate};
  }
  return PercentileFromReplicates(SortedReplicates(n, statistic, settings), settings.level);
}

Interval BcaBootstrap(std::size_t n, const ResampleStatistic& statistic, const BootstrapSettings& settings) {
  CheckArguments(n, settings);
  const double estimate = EstimateOf(n, statistic);
  if (n == 1) {
    return {estimate, estimate};
  }
  return BcaFromReplicates(estimate, SortedReplicates(n, statistic, settings), JackknifeOf(n, statistic),
                           settings.level);
}

Interval BcaBootstrap(std::size_t n, const ResampleStatistic& statistic, std::span<const double> leave_one_out,
                      const BootstrapSettings& settings) {
  CheckArguments(n, settings);
  if (leave_one_out.size() != n) {
    throw std::invalid_argument("bootstrap: one leave-one-out statistic per index is needed");
  }
  const double estimate = EstimateOf(n, statistic);
  if (n == 1) {
    return {estimate, estimate};
  }
  return BcaFromReplicates(estimate, SortedReplicates(n, statistic, settings), leave_one_out, settings.level);
}

Interval BootstrapMeanInterval(std::span<const double> values, const BootstrapSettings& settings) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  double sum = 0;
  for (const double value : sorted) {
    sum += value;
  }
  std::vector<double> jackknife;
  jackknife.reserve(n);
  for (const double value : sorted) {
    jackknife.push_back(n > 1 ? (sum - value) / static_cast<double>(n - 1) : value);
  }
  const ResampleStatistic mean = [&sorted](std::span<const std::size_t> indices) { return MeanOf(sorted, indices); };
  return BcaBootstrap(n, mean, jackknife, settings);
}

double JackknifeAcceleration(std::span<const double> leave_one_out) {
  if (leave_one_out.empty()) {
    return 0;
  }
  const double mean = std::accumulate(leave_one_out.begin(), leave_one_out.end(), 0.0) /
                      static_cast<double>(leave_one_out.size());
  double squares = 0;
  double cubes = 0;
  for (const double value : leave_one_out) {
    const double deviation = mean - value;
    squares += deviation * deviation;
    cubes += deviation * deviation * deviation;
  }
  if (squares <= 0) {
    return 0;
  }
  return cubes / (6 * std::pow(squares, 1.5));
}

Interval BcaFractions(double z0, double acceleration, double level) {
  const auto adjusted = [z0, acceleration](double nominal) {
    const double shifted = z0 + NormalQuantile(nominal);
    const double denominator = 1 - acceleration * shifted;
    if (denominator <= 0) {
      return shifted > 0 ? 1.0 : 0.0;
    }
    return NormalCdf(z0 + shifted / denominator);
  };
  return {adjusted((1 - level) / 2), adjusted((1 + level) / 2)};
}

}  // namespace etalon::stats
