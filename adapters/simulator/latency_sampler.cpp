#include "latency_sampler.hpp"

#include <cmath>

namespace etalon::simulator {

namespace {

// SplitMix64's finaliser: spreads nearby inputs (seed, seq) over the whole range.
std::uint64_t Mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

constexpr int kNormalRedraws = 100;

}  // namespace

std::mt19937_64 RequestRandom(std::uint64_t seed, std::uint64_t sequence, RandomPurpose purpose) {
  return std::mt19937_64(Mix(Mix(Mix(seed) ^ sequence) ^ static_cast<std::uint64_t>(purpose)));
}

double UnitDraw(std::mt19937_64& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

double DrawMilliseconds(const LatencyDistribution& distribution, std::mt19937_64& random) {
  switch (distribution.kind) {
    case LatencyKind::kFixed:
      return distribution.ms;
    case LatencyKind::kUniform:
      return distribution.min_ms + (distribution.max_ms - distribution.min_ms) * UnitDraw(random);
    case LatencyKind::kNormal: {
      std::normal_distribution<double> normal(distribution.mean_ms, distribution.stddev_ms);
      for (int attempt = 0; attempt < kNormalRedraws; ++attempt) {
        const double value = normal(random);
        if (value >= 0) {
          return value;
        }
      }
      return 0;
    }
    case LatencyKind::kLognormal: {
      std::lognormal_distribution<double> lognormal(std::log(distribution.median_ms), distribution.sigma);
      return distribution.median_ms > 0 ? lognormal(random) : 0;
    }
  }
  return 0;
}

}  // namespace etalon::simulator
