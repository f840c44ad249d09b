#include "etalon/stats/paired_comparison.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/mcnemar.hpp"
#include "etalon/stats/normal_distribution.hpp"
#include "etalon/stats/paired_test.hpp"

namespace etalon::stats {

namespace {

bool Binary(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double value) { return value == 0.0 || value == 1.0; });
}

void CheckPairs(std::size_t first, std::size_t second) {
  if (first != second) {
    throw std::invalid_argument("paired comparison: both offers need the same samples");
  }
  if (first == 0) {
    throw std::invalid_argument("paired comparison: no common sample");
  }
}

double MeanOf(std::span<const double> values) {
  return OrderFreeSum(std::vector<double>(values.begin(), values.end())) / static_cast<double>(values.size());
}

}  // namespace

std::string PairedTestName(PairedTest test) {
  switch (test) {
    case PairedTest::kExactMcNemar: return "mcnemar-exact";
    case PairedTest::kSignFlipExact: return "sign-flip-exact";
    case PairedTest::kSignFlipResampled: return "sign-flip";
    case PairedTest::kSegmentPermutation: return "segment-permutation";
  }
  return "sign-flip";  // unreachable: every test is handled above
}

PairedComparison CompareMeans(std::span<const double> first, std::span<const double> second,
                              const PairedSettings& settings) {
  CheckPairs(first.size(), second.size());
  PairedComparison comparison;
  comparison.pairs = first.size();
  std::vector<double> differences;
  differences.reserve(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    differences.push_back(first[i] - second[i]);
  }
  comparison.first = MeanOf(first);
  comparison.second = MeanOf(second);
  comparison.difference = MeanOf(differences);
  comparison.interval = BootstrapMeanInterval(differences, settings.bootstrap);
  comparison.detectable_difference = DetectableDifferenceOfPairs(differences, settings.detection);
  if (Binary(first) && Binary(second)) {
    const auto first_only = static_cast<std::size_t>(std::count(differences.begin(), differences.end(), 1.0));
    const auto second_only = static_cast<std::size_t>(std::count(differences.begin(), differences.end(), -1.0));
    comparison.p_value = ExactMcNemarPValue(first_only, second_only);
    comparison.test = PairedTest::kExactMcNemar;
    return comparison;
  }
  const auto test = TwoSidedSignFlipTest(differences, settings.bootstrap.seed, settings.permutations);
  comparison.p_value = test.p_value;
  comparison.test = test.exact ? PairedTest::kSignFlipExact : PairedTest::kSignFlipResampled;
  return comparison;
}

PairedComparison CompareCorpus(const SegmentRows& first, const SegmentRows& second, const CorpusFunction& corpus,
                               const PairedSettings& settings) {
  CheckPairs(first.size(), second.size());
  PairedComparison comparison;
  comparison.pairs = first.size();
  const std::size_t width = first.front().size();
  // Each joined row holds both offers' statistics of one segment, so a
  // resample draws the same segments for both.
  SegmentRows joined;
  joined.reserve(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    auto row = first[i];
    row.insert(row.end(), second[i].begin(), second[i].end());
    joined.push_back(std::move(row));
  }
  const auto halves = [&corpus, width](const std::vector<double>& summed, bool first_half) {
    const auto begin = summed.begin() + (first_half ? 0 : static_cast<std::ptrdiff_t>(width));
    return corpus(std::vector<double>(begin, begin + static_cast<std::ptrdiff_t>(width)));
  };
  const CorpusFunction difference = [&halves](const std::vector<double>& summed) {
    return halves(summed, true) - halves(summed, false);
  };
  std::vector<double> total(2 * width, 0.0);
  for (const auto& row : joined) {
    if (row.size() != total.size()) {
      throw std::invalid_argument("paired comparison: segments have statistics of different lengths");
    }
    for (std::size_t j = 0; j < row.size(); ++j) {
      total[j] += row[j];
    }
  }
  comparison.first = halves(total, true);
  comparison.second = halves(total, false);
  comparison.difference = comparison.first - comparison.second;
  comparison.interval = SegmentBootstrapInterval(std::move(joined), difference, settings.bootstrap);
  comparison.p_value =
      PairedSegmentPermutationPValue(first, second, corpus, settings.bootstrap.seed, settings.permutations);
  comparison.test = PairedTest::kSegmentPermutation;
  if (comparison.pairs >= 2) {
    // The bootstrap interval's half-width over z gives the standard error.
    const double z = NormalQuantile((1 + settings.bootstrap.level) / 2);
    comparison.detectable_difference =
        DetectableDifference((comparison.interval.high - comparison.interval.low) / (2 * z), settings.detection);
  }
  return comparison;
}

}  // namespace etalon::stats
