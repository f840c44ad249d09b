#include "etalon/stats/rank_sum_test.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace etalon::stats {

namespace {

// Ranks 1..n of the pooled values, ties sharing their mean rank.
std::vector<double> MidRanks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end + 1 < order.size() && values[order[end + 1]] == values[order[start]]) ++end;
    const double rank = (static_cast<double>(start + end) / 2) + 1;
    for (std::size_t i = start; i <= end; ++i) ranks[order[i]] = rank;
    start = end + 1;
  }
  return ranks;
}

}  // namespace

RankSumResult RankSumTest(std::span<const double> first, std::span<const double> second, std::size_t relabellings,
                          std::uint64_t seed) {
  assert(!first.empty() && !second.empty());  // callers check sample sizes before testing
  std::vector<double> pooled(first.begin(), first.end());
  pooled.insert(pooled.end(), second.begin(), second.end());
  auto ranks = MidRanks(pooled);
  const auto n1 = static_cast<double>(first.size());
  const auto n = static_cast<double>(pooled.size());
  const double expected_rank_sum = n1 * (n + 1) / 2;
  const double observed_rank_sum = std::accumulate(ranks.begin(), ranks.begin() + static_cast<long>(first.size()), 0.0);
  const double observed_distance = std::abs(observed_rank_sum - expected_rank_sum);
  // Rank sums are multiples of 0.5: a margin well below that absorbs rounding.
  constexpr double kMargin = 1e-7;
  std::mt19937_64 generator(seed);
  std::size_t as_extreme = 0;
  for (std::size_t draw = 0; draw < relabellings; ++draw) {
    // A partial Fisher–Yates shuffle: the first n1 positions become a uniform random subset.
    for (std::size_t i = 0; i < first.size(); ++i) {
      std::uniform_int_distribution<std::size_t> pick(i, ranks.size() - 1);
      std::swap(ranks[i], ranks[pick(generator)]);
    }
    const double rank_sum = std::accumulate(ranks.begin(), ranks.begin() + static_cast<long>(first.size()), 0.0);
    if (std::abs(rank_sum - expected_rank_sum) >= observed_distance - kMargin) ++as_extreme;
  }
  RankSumResult result;
  result.u = observed_rank_sum - n1 * (n1 + 1) / 2;
  result.p_value = static_cast<double>(1 + as_extreme) / static_cast<double>(1 + relabellings);
  return result;
}

}  // namespace etalon::stats
