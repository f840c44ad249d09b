// The standard normal distribution: its CDF and its quantile function, for
// bootstrap bias correction (BCa) and power calculations.
#pragma once

namespace etalon::stats {

// Φ(x), from std::erfc, accurate to a few ulps over the whole line.
double NormalCdf(double x);

// Φ⁻¹(p) for 0 < p < 1, by Wichura's algorithm AS 241 (PPND16, relative
// error about 1e-16); -inf at 0 and +inf at 1; NaN outside [0, 1].
double NormalQuantile(double p);

}  // namespace etalon::stats
