// Exact McNemar test for paired binary outcomes (one sample, two offers,
// each right or wrong). Only discordant pairs carry information: b samples
// where the first offer alone is right, c where the second alone is. Under
// the null hypothesis (both offers equally good) each discordant pair goes
// either way with probability 1/2, so b ~ Binomial(b + c, 1/2), and the
// two-sided p-value is min(1, 2 P(X <= min(b, c))).
#pragma once

#include <cstddef>

namespace etalon::stats {

// 1 when there is no discordant pair.
double ExactMcNemarPValue(std::size_t first_only, std::size_t second_only);

}  // namespace etalon::stats
