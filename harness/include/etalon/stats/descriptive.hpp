// Descriptive statistics for summaries. Percentiles use linear interpolation
// between closest ranks, numpy.percentile's default ("linear", method 7 of
// Hyndman and Fan): position p/100 * (n - 1) in the sorted values.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace etalon::stats {

// `values` is sorted in place. std::nullopt for an empty input.
std::optional<double> Percentile(std::vector<double>& values, double percent);

// The percentile of values already sorted ascending; `sorted` is not empty.
double SortedPercentile(std::span<const double> sorted, double percent);

// Several percentiles of the same values (sorted once).
std::vector<double> Percentiles(std::vector<double> values, const std::vector<double>& percents);

// Mean and sample standard deviation (n - 1), accumulated with Welford's
// method so long runs do not lose precision.
class RunningMoments;

// Sum and moments of values taken in ascending order, so the figures depend
// on the values alone, not on the order they arrived in (a merged or resumed
// journal holds the same results in another order).
double OrderFreeSum(std::vector<double> values);
RunningMoments OrderFreeMoments(std::vector<double> values);

class RunningMoments {
 public:
  void Add(double value);
  std::size_t count() const { return count_; }
  double mean() const { return mean_; }
  std::optional<double> sample_stddev() const;
  // Normal-approximation 95% interval of the mean (mean ± 1.96 s/√n); needs n ≥ 2.
  std::optional<std::pair<double, double>> NormalInterval95() const;

 private:
  std::size_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

}  // namespace etalon::stats
