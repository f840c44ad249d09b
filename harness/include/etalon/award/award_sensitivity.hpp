// How much the award depends on the stated weights (docs/award.md). Totals
// are linear in the leaf weights once each offer's share of every leaf is
// fixed, so both questions are answered on that share matrix alone:
// - Dirichlet draws of weights centred on the stated ones (alpha_i =
//   concentration x weight_i / total), seeded and portable: in how many draws
//   does the winner stay first, and how often does each other offer win;
// - the smallest weight change that makes another offer first: the least
//   total of points moved between leaf criteria (half the L1 change), exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "etalon/award/award_criteria.hpp"
#include "etalon/award/award_evaluation.hpp"

namespace etalon::award {

struct WeightTransfer {
  std::size_t from_leaf = 0;  // index into AwardTable::leaves
  double points = 0;
};

// Moving `from` into `to_leaf` puts `offer` level with the winner; any more puts it first.
struct WinnerFlip {
  std::size_t offer = 0;    // index into AwardTable::offers
  std::size_t to_leaf = 0;  // index into AwardTable::leaves
  std::vector<WeightTransfer> from;  // the leaves weight is taken from, largest gain first
  double moved_points = 0;           // sum of `from`; the L1 change of the weights is twice this
};

struct Sensitivity {
  SensitivitySettings settings;
  // Per offer of the table (same order), the share of draws it comes first;
  // a draw with a shared first place counts 1/k for each of the k offers. 0 for eliminated offers.
  std::vector<double> win_share;
  std::optional<double> winner_stays_first;  // the winner's win share; unset without a single winner
  std::optional<WinnerFlip> smallest_flip;   // unset without a single winner, or when no weights can change it
};

Sensitivity AnalyseSensitivity(const AwardTable& table, const SensitivitySettings& settings);

}  // namespace etalon::award
