#include "etalon/stats/segment_resampling.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace etalon::stats {

namespace {

std::vector<double> Total(const SegmentRows& segments, std::size_t width) {
  std::vector<double> total(width, 0.0);
  for (const auto& row : segments) {
    for (std::size_t j = 0; j < width; ++j) {
      total[j] += row[j];
    }
  }
  return total;
}

std::size_t WidthOf(const SegmentRows& segments) {
  const std::size_t width = segments.empty() ? 0 : segments.front().size();
  for (const auto& row : segments) {
    if (row.size() != width) {
      throw std::invalid_argument("segment resampling: segments have statistics of different lengths");
    }
  }
  return width;
}

}  // namespace

Interval SegmentBootstrapInterval(SegmentRows segments, const CorpusFunction& corpus, const BootstrapSettings& settings) {
  const std::size_t width = WidthOf(segments);
  std::sort(segments.begin(), segments.end());
  std::vector<double> summed(width);
  const ResampleStatistic statistic = [&segments, &summed, &corpus](std::span<const std::size_t> indices) {
    std::fill(summed.begin(), summed.end(), 0.0);
    for (const std::size_t index : indices) {
      const auto& row = segments[index];
      for (std::size_t j = 0; j < row.size(); ++j) {
        summed[j] += row[j];
      }
    }
    return corpus(summed);
  };
  const std::vector<double> total = Total(segments, width);
  std::vector<double> leave_one_out;
  leave_one_out.reserve(segments.size());
  std::vector<double> without(width);
  for (const auto& row : segments) {
    for (std::size_t j = 0; j < width; ++j) {
      without[j] = total[j] - row[j];
    }
    leave_one_out.push_back(corpus(without));
  }
  return BcaBootstrap(segments.size(), statistic, leave_one_out, settings);
}

double PairedSegmentPermutationPValue(const SegmentRows& first, const SegmentRows& second, const CorpusFunction& corpus,
                                      std::uint64_t seed, std::size_t permutations) {
  if (first.size() != second.size()) {
    throw std::invalid_argument("segment permutation: both offers need the same segments");
  }
  if (first.empty()) {
    return 1.0;
  }
  const std::size_t width = WidthOf(first);
  if (WidthOf(second) != width) {
    throw std::invalid_argument("segment permutation: the offers' statistics differ in length");
  }
  const double observed = corpus(Total(first, width)) - corpus(Total(second, width));
  const double threshold = std::abs(observed) - 1e-12 * (1.0 + std::abs(observed));
  std::mt19937_64 generator(seed);
  std::vector<double> left(width);
  std::vector<double> right(width);
  std::size_t hits = 0;
  for (std::size_t draw = 0; draw < permutations; ++draw) {
    std::fill(left.begin(), left.end(), 0.0);
    std::fill(right.begin(), right.end(), 0.0);
    for (std::size_t i = 0; i < first.size(); ++i) {
      const bool swapped = (generator() & 1U) != 0;
      const auto& to_left = swapped ? second[i] : first[i];
      const auto& to_right = swapped ? first[i] : second[i];
      for (std::size_t j = 0; j < width; ++j) {
        left[j] += to_left[j];
        right[j] += to_right[j];
      }
    }
    hits += std::abs(corpus(left) - corpus(right)) >= threshold ? 1 : 0;
  }
  return static_cast<double>(1 + hits) / static_cast<double>(1 + permutations);
}

}  // namespace etalon::stats
