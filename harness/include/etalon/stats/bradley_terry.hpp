// Bradley-Terry strengths from pairwise outcomes, by maximum likelihood:
// P(i beats j) = exp(t_i) / (exp(t_i) + exp(t_j)), with the log-strengths t
// summing to zero (only differences are identified). A tie counts as half a
// win to each side. Fitted with Hunter's MM iterations (2004), which raise
// the likelihood at every step; 95% intervals come from the observed Fisher
// information: its Moore-Penrose inverse is the covariance of t under the
// sum-zero constraint (docs/judge.md).
//
// The maximum exists only when, for every split of the offers into two
// groups, each group won (or tied) at least once against the other (the
// "wins" graph is strongly connected). Otherwise some strength runs off to
// infinity and the fit says so instead of returning numbers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace etalon::stats {

// wins[i][j]: how often offer i beat offer j (ties already split in halves).
// Square, zero diagonal.
using WinMatrix = std::vector<std::vector<double>>;

struct BradleyTerryFit {
  // Empty when the maximum does not exist; `problem` says why.
  std::vector<double> log_strengths;  // sum to zero
  std::vector<double> standard_errors;
  std::vector<double> ci95_low;
  std::vector<double> ci95_high;
  std::size_t iterations = 0;
  std::optional<std::string> problem;
};

BradleyTerryFit FitBradleyTerry(const WinMatrix& wins, double tolerance = 1e-10, std::size_t max_iterations = 100'000);

}  // namespace etalon::stats
