#include "etalon/award/award_sensitivity.hpp"

#include <algorithm>

#include <Eigen/Dense>

#include "etalon/stats/portable_random.hpp"

namespace etalon::award {

namespace {

// Offers in competition (rows, in table order) by leaves: the share of the
// leaf's points each earned. Weights do not change shares, only totals.
Eigen::MatrixXd ShareMatrix(const AwardTable& table) {
  Eigen::MatrixXd shares(static_cast<Eigen::Index>(table.competing()), static_cast<Eigen::Index>(table.leaves.size()));
  for (Eigen::Index row = 0; row < shares.rows(); ++row) {
    const auto& offer = table.offers[static_cast<std::size_t>(row)];
    for (Eigen::Index column = 0; column < shares.cols(); ++column) {
      const auto node = table.leaves[static_cast<std::size_t>(column)].node;
      shares(row, column) = offer.points[node] / table.nodes[node].weight;
    }
  }
  return shares;
}

Eigen::VectorXd LeafWeights(const AwardTable& table) {
  Eigen::VectorXd weights(static_cast<Eigen::Index>(table.leaves.size()));
  for (Eigen::Index i = 0; i < weights.size(); ++i) {
    weights(i) = table.nodes[table.leaves[static_cast<std::size_t>(i)].node].weight;
  }
  return weights;
}

std::vector<double> WinShares(const AwardTable& table, const Eigen::MatrixXd& shares, const Eigen::VectorXd& weights,
                              const SensitivitySettings& settings) {
  std::vector<double> wins(table.offers.size(), 0.0);
  if (shares.rows() == 0) {
    return wins;
  }
  const double total = weights.sum();
  std::vector<double> alpha(static_cast<std::size_t>(weights.size()));
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    alpha[i] = settings.concentration * weights(static_cast<Eigen::Index>(i)) / total;
  }
  const double tolerance = kTieTolerance * table.total_points;
  stats::PortableRandom random(settings.seed);
  Eigen::VectorXd drawn(weights.size());
  for (std::size_t sample = 0; sample < settings.samples; ++sample) {
    const auto draw = random.Dirichlet(alpha);
    for (Eigen::Index i = 0; i < drawn.size(); ++i) {
      drawn(i) = total * draw[static_cast<std::size_t>(i)];
    }
    const Eigen::VectorXd totals = shares * drawn;
    const double best = totals.maxCoeff();
    const auto first = (totals.array() >= best - tolerance).count();
    for (Eigen::Index row = 0; row < totals.size(); ++row) {
      if (totals(row) >= best - tolerance) {
        wins[static_cast<std::size_t>(row)] += 1.0 / static_cast<double>(first);
      }
    }
  }
  for (auto& share : wins) {
    share /= static_cast<double>(settings.samples);
  }
  return wins;
}

// The least weight to move so that `challenger` catches up with the winner
// (row 0). Moving t points from leaf j to leaf k changes the challenger's
// lead by t x (gap_k - gap_j), where gap is its share minus the winner's:
// every point is best moved into the leaf with the largest gap, taken first
// from the leaves with the smallest (a fractional knapsack), which is the
// least L1 change of the weights with their total kept.
std::optional<WinnerFlip> CatchUp(const Eigen::MatrixXd& shares, const Eigen::VectorXd& weights,
                                  Eigen::Index challenger) {
  const Eigen::VectorXd gap = (shares.row(challenger) - shares.row(0)).transpose();
  double remaining = -gap.dot(weights);  // the winner's lead, in points
  Eigen::Index to_leaf = 0;
  const double best_gap = gap.maxCoeff(&to_leaf);
  if (best_gap <= 0) {
    return std::nullopt;  // no better than the winner on any criterion: no weights make it first
  }
  std::vector<Eigen::Index> sources;
  for (Eigen::Index leaf = 0; leaf < gap.size(); ++leaf) {
    if (gap(leaf) < best_gap) {
      sources.push_back(leaf);
    }
  }
  std::stable_sort(sources.begin(), sources.end(), [&](Eigen::Index a, Eigen::Index b) { return gap(a) < gap(b); });
  WinnerFlip flip;
  flip.offer = static_cast<std::size_t>(challenger);
  flip.to_leaf = static_cast<std::size_t>(to_leaf);
  for (const auto leaf : sources) {
    const double rate = best_gap - gap(leaf);
    const double needed = remaining / rate;
    const double moved = std::min(needed, weights(leaf));
    flip.from.push_back({static_cast<std::size_t>(leaf), moved});
    flip.moved_points += moved;
    if (needed <= weights(leaf)) {
      return flip;
    }
    remaining -= moved * rate;
  }
  return std::nullopt;  // even all the weight in one leaf does not suffice
}

}  // namespace

Sensitivity AnalyseSensitivity(const AwardTable& table, const SensitivitySettings& settings) {
  Sensitivity sensitivity;
  sensitivity.settings = settings;
  const auto shares = ShareMatrix(table);
  const auto weights = LeafWeights(table);
  sensitivity.win_share = WinShares(table, shares, weights, settings);
  if (!table.winner()) {
    return sensitivity;
  }
  sensitivity.winner_stays_first = sensitivity.win_share.front();
  for (Eigen::Index challenger = 1; challenger < shares.rows(); ++challenger) {
    auto flip = CatchUp(shares, weights, challenger);
    if (flip && (!sensitivity.smallest_flip || flip->moved_points < sensitivity.smallest_flip->moved_points)) {
      sensitivity.smallest_flip = std::move(flip);
    }
  }
  return sensitivity;
}

}  // namespace etalon::award
