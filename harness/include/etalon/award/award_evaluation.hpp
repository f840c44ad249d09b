// Scores offers against a criteria file (docs/award.md): eliminatory
// requirements first, each failed one kept as a reason; then every leaf
// criterion's figure, scored by its formula against the best offer still in
// competition; totals and ranks (equal totals share a rank). Pure: the
// offers' figures come in, the award table goes out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "etalon/award/award_criteria.hpp"
#include "etalon/award/award_offers.hpp"

namespace etalon::award {

// A criterion of the tree, depth first: parents before their children.
struct AwardNode {
  std::string label;
  std::vector<std::string> path;  // labels from the top criterion down to this one
  std::size_t depth = 0;          // 0: a top criterion
  double weight = 0;              // points
  std::optional<std::size_t> parent;  // index into AwardTable::nodes; unset for a top criterion
  std::optional<std::size_t> leaf;    // index into AwardTable::leaves
  std::size_t line = 0;
};

struct AwardLeaf {
  std::size_t node = 0;
  Measure measure;
  Formula formula = Formula::kRelativeToBest;
  double floor = 0;
  double ceiling = 0;
  bool higher_is_better = false;
  std::optional<double> best;  // the best figure among offers in competition
};

enum class EliminationKind {
  kHostingOutsideEu,
  kHostingUnknown,
  kLicenceNotAllowed,
  kLicenceUnknown,
  kScoreBelowMinimum,
  kScoreAboveMaximum,
  kErrorRateAboveMaximum,
  kSuiteNotRun,     // the offer has no row for a suite the criteria need
  kFigureMissing,   // the row has no figure (no price, nothing scored...)
};

struct Elimination {
  EliminationKind kind = EliminationKind::kFigureMissing;
  std::string suite;
  std::string subject;  // metric name, licence, or the criterion's path joined by " › "
  std::optional<MeasureKind> measure;  // kFigureMissing on a criterion
  std::optional<double> value;
  std::optional<double> limit;
};

struct OfferResult {
  Offer offer;
  std::vector<Elimination> eliminations;      // empty: in competition
  std::vector<std::optional<double>> values;  // per leaf, the figure read (set even when eliminated, where known)
  std::vector<double> points;                 // per node; zeros when eliminated
  double total = 0;
  std::size_t rank = 0;  // 1-based among offers in competition; 0 when eliminated
  bool tied = false;     // another offer has the same total

  bool eliminated() const { return !eliminations.empty(); }
};

struct AwardTable {
  std::string criteria_path;
  std::string title;
  double total_points = 0;
  std::vector<AwardNode> nodes;
  std::vector<AwardLeaf> leaves;
  std::vector<OfferResult> offers;  // in competition by rank (input order within a tie), then eliminated ones
  std::vector<std::string> runs;

  std::size_t competing() const;
  // The offer ranked first alone; std::nullopt when none competes or the first place is shared.
  std::optional<std::size_t> winner() const;
};

// The share of a leaf's points (0 to 1) a figure earns, given the best
// figure in competition; the thresholds are used by the linear formula only.
double FormulaShare(Formula formula, bool higher_is_better, double value, double best, double floor, double ceiling);

// Two totals closer than this, relative to the total points, are equal:
// rounding in weights written as decimals must not make a winner.
inline constexpr double kTieTolerance = 1e-9;

// Throws AwardInputError when the criteria name a suite or metric no run
// has, or apply lowest_over_candidate to a higher-is-better metric.
AwardTable EvaluateAward(const AwardCriteria& criteria, const AwardInputs& inputs);

}  // namespace etalon::award
