#include "etalon/stats/descriptive.hpp"

#include <algorithm>
#include <cmath>

namespace etalon::stats {

double SortedPercentile(std::span<const double> sorted, double percent) {
  const double position = percent / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(lower);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
}

std::optional<double> Percentile(std::vector<double>& values, double percent) {
  if (values.empty()) {
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  return SortedPercentile(values, percent);
}

std::vector<double> Percentiles(std::vector<double> values, const std::vector<double>& percents) {
  std::vector<double> results;
  if (values.empty()) {
    return results;
  }
  std::sort(values.begin(), values.end());
  for (const double percent : percents) {
    results.push_back(SortedPercentile(values, percent));
  }
  return results;
}

double OrderFreeSum(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (const double value : values) {
    sum += value;
  }
  return sum;
}

RunningMoments OrderFreeMoments(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  RunningMoments moments;
  for (const double value : values) {
    moments.Add(value);
  }
  return moments;
}

void RunningMoments::Add(double value) {
  ++count_;
  const double delta = value - mean_;
  mean_ += delta / static_cast<double>(count_);
  m2_ += delta * (value - mean_);
}

std::optional<double> RunningMoments::sample_stddev() const {
  if (count_ < 2) {
    return std::nullopt;
  }
  return std::sqrt(m2_ / static_cast<double>(count_ - 1));
}

std::optional<std::pair<double, double>> RunningMoments::NormalInterval95() const {
  const auto stddev = sample_stddev();
  if (!stddev) {
    return std::nullopt;
  }
  const double half_width = 1.959963984540054 * *stddev / std::sqrt(static_cast<double>(count_));
  return std::make_pair(mean_ - half_width, mean_ + half_width);
}

}  // namespace etalon::stats
