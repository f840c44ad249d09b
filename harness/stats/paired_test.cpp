#include "etalon/stats/paired_test.hpp"

#include <cmath>
#include <random>

namespace etalon::stats {

namespace {

// Sums are compared with a relative tolerance so that an assignment equal to
// the observed one is not lost to rounding.
bool AtLeast(double sum, double observed) { return sum >= observed - 1e-12 * (1.0 + std::abs(observed)); }

// `extreme(sum, observed)`: the assignment's sum counts against the null.
template <typename Extreme>
PairedTestResult SignFlipTest(const std::vector<double>& differences, double margin, std::uint64_t seed,
                              std::size_t resamples, Extreme extreme) {
  PairedTestResult result;
  result.pairs = differences.size();
  if (differences.empty()) {
    return result;
  }
  std::vector<double> centred;
  double observed = 0;
  double total = 0;
  for (const double difference : differences) {
    centred.push_back(difference - margin);
    observed += difference - margin;
    total += difference;
  }
  result.mean_difference = total / static_cast<double>(differences.size());

  const std::size_t n = centred.size();
  if (n <= kExactPairs) {
    result.exact = true;
    const std::uint64_t assignments = std::uint64_t{1} << n;
    std::uint64_t hits = 0;
    for (std::uint64_t signs = 0; signs < assignments; ++signs) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) {
        sum += ((signs >> i) & 1U) != 0 ? -centred[i] : centred[i];
      }
      hits += extreme(sum, observed) ? 1 : 0;
    }
    result.p_value = static_cast<double>(hits) / static_cast<double>(assignments);
    return result;
  }
  std::mt19937_64 generator(seed);
  std::uint64_t hits = 0;
  for (std::size_t draw = 0; draw < resamples; ++draw) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += (generator() & 1U) != 0 ? -centred[i] : centred[i];
    }
    hits += extreme(sum, observed) ? 1 : 0;
  }
  result.p_value = static_cast<double>(1 + hits) / static_cast<double>(1 + resamples);
  return result;
}

}  // namespace

PairedTestResult PairedSignFlipTest(const std::vector<double>& differences, double margin, std::uint64_t seed,
                                    std::size_t resamples) {
  return SignFlipTest(differences, margin, seed, resamples, AtLeast);
}

PairedTestResult TwoSidedSignFlipTest(const std::vector<double>& differences, std::uint64_t seed,
                                      std::size_t resamples) {
  return SignFlipTest(differences, 0, seed, resamples,
                      [](double sum, double observed) { return AtLeast(std::abs(sum), std::abs(observed)); });
}

}  // namespace etalon::stats
