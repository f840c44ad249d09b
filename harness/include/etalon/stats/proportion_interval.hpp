// The Wilson score interval of a proportion (Wilson 1927), for means of
// 0/1 scores: refusal, leak and exact-match rates. Unlike a bootstrap, which
// collapses to [0, 0] when no sample succeeded, it stays honest at the
// edges: 0 successes out of 10 give [0, 0.278], not a certainty.
#pragma once

#include <cstddef>

#include "etalon/stats/bootstrap.hpp"

namespace etalon::stats {

// Two-sided interval at `level` for `successes` out of `trials` (trials > 0).
Interval WilsonInterval(std::size_t successes, std::size_t trials, double level = 0.95);

}  // namespace etalon::stats
