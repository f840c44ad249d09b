// Seeded bootstrap confidence intervals (Efron and Tibshirani, "An
// Introduction to the Bootstrap", 1993, chapters 13-14). The caller gives the
// sample size n and a statistic computed from drawn indices into 0..n-1, so
// one routine serves a mean of per-sample scores and a corpus score rebuilt
// from resampled segments alike. See docs/statistics.md.
//
// Determinism: indices are drawn from std::mt19937_64 (whose output the
// standard fixes) through an unbiased rejection draw written here, not
// std::uniform_int_distribution (whose output differs between standard
// libraries), so a seed gives the same interval on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace etalon::stats {

struct BootstrapSettings {
  std::size_t resamples = 2000;  // B, at least 1
  std::uint64_t seed = 0;
  double level = 0.95;  // two-sided coverage, in (0, 1)
};

struct Interval {
  double low;
  double high;
};

// The statistic of one resample, given indices into 0..n-1. Bootstrap
// resamples pass n indices drawn with repetition; the identity (0..n-1) gives
// the estimate; the BCa jackknife passes the n - 1 indices left when one is
// removed. The statistic must accept any of these and return a finite value.
using ResampleStatistic = std::function<double(std::span<const std::size_t>)>;

// Percentile interval: the (1-level)/2 and (1+level)/2 quantiles of the B
// resampled statistics (linear interpolation, as numpy.percentile).
// n == 1 gives [estimate, estimate]. Throws std::invalid_argument for n == 0,
// resamples == 0 or a level outside (0, 1): those are caller errors; and
// std::domain_error when the statistic is not finite for a resample.
Interval PercentileBootstrap(std::size_t n, const ResampleStatistic& statistic, const BootstrapSettings& settings);

// Bias-corrected and accelerated interval (Efron 1987). The bias correction
// z0 = Φ⁻¹(share of resampled statistics below the estimate, ties counted
// half); the acceleration a comes from the jackknife. The same resamples as
// PercentileBootstrap for the same seed. Degenerate inputs (n == 1, every
// resample equal to the estimate) give [estimate, estimate], never NaN.
// Throws as PercentileBootstrap, and std::domain_error when the statistic
// is not finite for a resample.
Interval BcaBootstrap(std::size_t n, const ResampleStatistic& statistic, const BootstrapSettings& settings);

// BCa with leave-one-out statistics the caller computed faster than n
// calls of `statistic` on n - 1 indices would (a sum minus one segment).
// `leave_one_out` holds n values, the i-th without index i.
Interval BcaBootstrap(std::size_t n, const ResampleStatistic& statistic, std::span<const double> leave_one_out,
                      const BootstrapSettings& settings);

// BCa interval of the mean of `values`. The values are sorted first, so the
// interval depends on the multiset alone, not on the order it came in; the
// jackknife uses the closed form (sum - x_i) / (n - 1). Throws for an empty
// input as BcaBootstrap does for n == 0.
Interval BootstrapMeanInterval(std::span<const double> values, const BootstrapSettings& settings);

// The two pieces of BCa, exposed so they can be checked by hand.
// Efron's acceleration from leave-one-out statistics θ_i with mean m:
// a = Σ(m - θ_i)^3 / (6 (Σ(m - θ_i)^2)^(3/2)); 0 when they are all equal.
double JackknifeAcceleration(std::span<const double> leave_one_out);
// The quantile fractions that replace (1 - level)/2 and (1 + level)/2:
// Φ(z0 + (z0 + z) / (1 - a (z0 + z))) with z the nominal normal quantile.
// Where 1 - a (z0 + z) reaches 0 the fraction has run off to 0 or 1 and is
// held there.
Interval BcaFractions(double z0, double acceleration, double level);

}  // namespace etalon::stats
