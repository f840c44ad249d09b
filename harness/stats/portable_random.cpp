#include "etalon/stats/portable_random.hpp"

#include <cmath>

namespace etalon::stats {

double PortableRandom::Uniform() {
  // The top 53 bits, centred in their cell: (k + 0.5) / 2^53 lies in (0, 1).
  constexpr double kCell = 1.0 / 9007199254740992.0;  // 2^-53
  return (static_cast<double>(engine_() >> 11) + 0.5) * kCell;
}

double PortableRandom::Normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double x = 0;
  double y = 0;
  double radius_squared = 0;
  do {
    x = 2 * Uniform() - 1;
    y = 2 * Uniform() - 1;
    radius_squared = x * x + y * y;
  } while (radius_squared >= 1 || radius_squared == 0);
  const double factor = std::sqrt(-2 * std::log(radius_squared) / radius_squared);
  spare_normal_ = y * factor;
  has_spare_normal_ = true;
  return x * factor;
}

double PortableRandom::Gamma(double shape) {
  if (shape < 1) {
    return Gamma(shape + 1) * std::pow(Uniform(), 1 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1 / std::sqrt(9 * d);
  while (true) {
    const double x = Normal();
    const double base = 1 + c * x;
    if (base <= 0) {
      continue;
    }
    const double v = base * base * base;
    const double u = Uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) {
      return d * v;
    }
  }
}

std::vector<double> PortableRandom::Dirichlet(const std::vector<double>& alpha) {
  std::vector<double> draw;
  draw.reserve(alpha.size());
  double sum = 0;
  for (const double shape : alpha) {
    draw.push_back(Gamma(shape));
    sum += draw.back();
  }
  for (double& value : draw) {
    value /= sum;
  }
  return draw;
}

}  // namespace etalon::stats
