// Random draws that are the same on every standard library. std::mt19937_64
// is specified bit for bit by the C++ standard, but std::normal_distribution
// and std::gamma_distribution are not (libstdc++ and libc++ give different
// numbers for the same seed), so the distributions are written here over the
// engine's raw 64-bit words: a seeded analysis replays anywhere.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace etalon::stats {

class PortableRandom {
 public:
  explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in the open interval (0, 1): never 0, so its logarithm is finite.
  double Uniform();
  // Standard normal, Marsaglia's polar method (no sine or cosine).
  double Normal();
  // Gamma(shape, scale 1), shape > 0: Marsaglia and Tsang (2000); a shape
  // below 1 is drawn as Gamma(shape + 1) * U^(1/shape).
  double Gamma(double shape);
  // Dirichlet(alpha), every alpha > 0: normalised Gamma draws.
  std::vector<double> Dirichlet(const std::vector<double>& alpha);

 private:
  std::mt19937_64 engine_;
  double spare_normal_ = 0;
  bool has_spare_normal_ = false;
};

}  // namespace etalon::stats
