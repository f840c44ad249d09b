#include "etalon/award/award_evaluation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "etalon/core/diagnostic.hpp"

namespace etalon::award {

namespace {

void Flatten(const std::vector<Criterion>& criteria, std::optional<std::size_t> parent, AwardTable& table,
             std::vector<const Criterion*>& leaf_criteria) {
  for (const auto& criterion : criteria) {
    AwardNode node;
    node.label = criterion.label;
    node.parent = parent;
    if (parent) {
      node.path = table.nodes[*parent].path;
      node.depth = table.nodes[*parent].depth + 1;
    }
    node.path.push_back(criterion.label);
    node.weight = criterion.weight;
    node.line = criterion.line;
    const std::size_t index = table.nodes.size();
    if (criterion.children.empty()) {
      node.leaf = table.leaves.size();
      AwardLeaf leaf;
      leaf.node = index;
      leaf.measure = criterion.measure;
      leaf.formula = criterion.formula;
      leaf.floor = criterion.floor;
      leaf.ceiling = criterion.ceiling;
      table.leaves.push_back(std::move(leaf));
      leaf_criteria.push_back(&criterion);
    }
    table.nodes.push_back(std::move(node));
    Flatten(criterion.children, index, table, leaf_criteria);
  }
}

[[noreturn]] void Refuse(const AwardCriteria& criteria, std::size_t line, const std::string& field,
                         const std::string& message) {
  throw AwardInputError(core::Diagnostic{criteria.path, line, field, message}.ToString());
}

std::optional<bool> HigherIsBetter(const AwardInputs& inputs, const std::string& suite, const std::string& metric) {
  const auto found_suite = inputs.higher_is_better.find(suite);
  if (found_suite == inputs.higher_is_better.end()) {
    return std::nullopt;
  }
  const auto found = found_suite->second.find(metric);
  if (found == found_suite->second.end()) {
    return std::nullopt;
  }
  return found->second;
}

void ResolveDirections(const AwardCriteria& criteria, const AwardInputs& inputs,
                       const std::vector<const Criterion*>& leaf_criteria, AwardTable& table) {
  for (std::size_t i = 0; i < table.leaves.size(); ++i) {
    auto& leaf = table.leaves[i];
    const auto line = leaf_criteria[i]->line;
    if (leaf.measure.kind != MeasureKind::kMetric) {
      leaf.higher_is_better = false;  // prices, energy, carbon, latency, error rates
      continue;
    }
    const auto higher = HigherIsBetter(inputs, leaf.measure.suites.front(), leaf.measure.metric);
    if (!higher) {
      Refuse(criteria, line, "measure.metric",
             fmt::format("no run given has metric '{}' on suite '{}'", leaf.measure.metric, leaf.measure.suites.front()));
    }
    leaf.higher_is_better = *higher;
    if (leaf.formula == Formula::kLowestOverCandidate && leaf.higher_is_better) {
      Refuse(criteria, line, "formula",
             fmt::format("lowest_over_candidate scores figures where lower is better; '{}' is higher-is-better "
                         "(use relative_to_best or linear)",
                         leaf.measure.metric));
    }
  }
  for (const auto& score : criteria.requirements.scores) {
    if (!HigherIsBetter(inputs, score.suite, score.metric)) {
      Refuse(criteria, score.line, "requirements.scores",
             fmt::format("no run given has metric '{}' on suite '{}'", score.metric, score.suite));
    }
  }
}

std::optional<double> Number(const nlohmann::json& object, std::initializer_list<const char*> keys) {
  const nlohmann::json* current = &object;
  for (const char* key : keys) {
    if (!current->is_object()) {
      return std::nullopt;
    }
    const auto found = current->find(key);
    if (found == current->end()) {
      return std::nullopt;
    }
    current = &*found;
  }
  if (!current->is_number()) {
    return std::nullopt;
  }
  return current->get<double>();
}

constexpr double kJoulesPerWh = 3600;

std::optional<double> EnergyPerRequestWh(const nlohmann::json& cell) {
  for (const char* basis : {"measured", "estimated"}) {
    const auto joules = Number(cell, {"energy", basis, "joules"});
    const auto requests = Number(cell, {"energy", basis, "requests"});
    if (joules && requests && *requests > 0) {
      return *joules / *requests / kJoulesPerWh;
    }
  }
  return std::nullopt;
}

std::optional<double> CellFigure(const nlohmann::json& cell, const Measure& measure) {
  switch (measure.kind) {
    case MeasureKind::kMetric: return Number(cell, {"metrics", measure.metric.c_str(), "value"});
    case MeasureKind::kYearlyPrice: return Number(cell, {"cost", "per_year_eur"});
    case MeasureKind::kEnergyPerRequest: return EnergyPerRequestWh(cell);
    case MeasureKind::kCarbonPerRequest: return Number(cell, {"carbon", "per_request_kgco2eq"});
    case MeasureKind::kCarbonPerYear: return Number(cell, {"carbon", "per_year_kgco2eq", "value"});
    case MeasureKind::kP90Latency: return Number(cell, {"latency_ms", "end_to_end", "p90"});
    case MeasureKind::kErrorRate: return Number(cell, {"error_rate"});
  }
  return std::nullopt;  // unreachable: every kind is handled above
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string joined;
  for (const auto& label : path) {
    joined += joined.empty() ? label : " › " + label;
  }
  return joined;
}

void AddOnce(std::vector<Elimination>& eliminations, Elimination elimination) {
  const bool seen = std::any_of(eliminations.begin(), eliminations.end(), [&](const Elimination& earlier) {
    return earlier.kind == elimination.kind && earlier.suite == elimination.suite &&
           earlier.subject == elimination.subject;
  });
  if (!seen) {
    eliminations.push_back(std::move(elimination));
  }
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void CheckFacts(const Requirements& requirements, OfferResult& result) {
  const auto& offer = result.offer;
  if (requirements.eu_hosting) {
    if (!offer.eu_hosting) {
      result.eliminations.push_back({EliminationKind::kHostingUnknown, "", "", std::nullopt, std::nullopt, std::nullopt});
    } else if (!*offer.eu_hosting) {
      result.eliminations.push_back({EliminationKind::kHostingOutsideEu, "", "", std::nullopt, std::nullopt, std::nullopt});
    }
  }
  if (requirements.licences) {
    if (!offer.licence) {
      result.eliminations.push_back({EliminationKind::kLicenceUnknown, "", "", std::nullopt, std::nullopt, std::nullopt});
    } else {
      const auto licence = Lower(*offer.licence);
      const bool allowed = std::any_of(requirements.licences->begin(), requirements.licences->end(),
                                       [&](const std::string& name) { return Lower(name) == licence; });
      if (!allowed) {
        result.eliminations.push_back(
            {EliminationKind::kLicenceNotAllowed, "", *offer.licence, std::nullopt, std::nullopt, std::nullopt});
      }
    }
  }
}

void CheckScores(const AwardCriteria& criteria, const std::set<std::string>& suites, OfferResult& result) {
  const auto& requirements = criteria.requirements;
  const auto& cells = result.offer.cells;
  for (const auto& score : requirements.scores) {
    const auto cell = cells.find(score.suite);
    if (cell == cells.end()) {
      AddOnce(result.eliminations, {EliminationKind::kSuiteNotRun, score.suite, "", std::nullopt, std::nullopt, std::nullopt});
      continue;
    }
    const auto value = Number(cell->second, {"metrics", score.metric.c_str(), "value"});
    if (!value) {
      AddOnce(result.eliminations,
              {EliminationKind::kFigureMissing, score.suite, score.metric, MeasureKind::kMetric, std::nullopt, std::nullopt});
    } else if (score.min && *value < *score.min) {
      result.eliminations.push_back(
          {EliminationKind::kScoreBelowMinimum, score.suite, score.metric, std::nullopt, value, score.min});
    } else if (score.max && *value > *score.max) {
      result.eliminations.push_back(
          {EliminationKind::kScoreAboveMaximum, score.suite, score.metric, std::nullopt, value, score.max});
    }
  }
  if (!requirements.max_error_rate) {
    return;
  }
  for (const auto& suite : suites) {
    const auto cell = cells.find(suite);
    if (cell == cells.end()) {
      continue;  // reported as a suite not run by whatever needs it
    }
    const auto rate = Number(cell->second, {"error_rate"});
    if (rate && *rate > *requirements.max_error_rate) {
      result.eliminations.push_back(
          {EliminationKind::kErrorRateAboveMaximum, suite, "", std::nullopt, rate, requirements.max_error_rate});
    }
  }
}

void ReadFigures(const AwardTable& table, OfferResult& result) {
  const auto& offer = result.offer;
  for (const auto& leaf : table.leaves) {
    std::optional<double> figure;
    if (leaf.measure.kind == MeasureKind::kYearlyPrice && offer.declared_yearly_price_eur) {
      figure = offer.declared_yearly_price_eur;  // the bidder's committed price wins over a measured estimate
    } else {
      double sum = 0;
      bool complete = true;
      for (const auto& suite : leaf.measure.suites) {
        const auto cell = offer.cells.find(suite);
        if (cell == offer.cells.end()) {
          AddOnce(result.eliminations, {EliminationKind::kSuiteNotRun, suite, "", std::nullopt, std::nullopt, std::nullopt});
          complete = false;
          continue;
        }
        const auto value = CellFigure(cell->second, leaf.measure);
        if (!value) {
          AddOnce(result.eliminations, {EliminationKind::kFigureMissing, suite, JoinPath(table.nodes[leaf.node].path),
                                        leaf.measure.kind, std::nullopt, std::nullopt});
          complete = false;
          continue;
        }
        sum += *value;
      }
      if (complete) {
        figure = sum;
      }
    }
    result.values.push_back(figure);
  }
}

void Rank(AwardTable& table) {
  auto& offers = table.offers;
  std::stable_partition(offers.begin(), offers.end(), [](const OfferResult& offer) { return !offer.eliminated(); });
  const std::size_t competing = table.competing();
  std::vector<std::size_t> order(competing);  // positions in input order
  for (std::size_t i = 0; i < competing; ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return offers[a].total > offers[b].total; });
  // Totals within the tolerance of the one above share its rank, and keep
  // their input order: the last bit of a division must not order a tie.
  const double tolerance = kTieTolerance * table.total_points;
  std::size_t group_start = 0;
  for (std::size_t i = 1; i <= competing; ++i) {
    if (i == competing || offers[order[i - 1]].total - offers[order[i]].total > tolerance) {
      std::sort(order.begin() + static_cast<std::ptrdiff_t>(group_start), order.begin() + static_cast<std::ptrdiff_t>(i));
      for (std::size_t j = group_start; j < i; ++j) {
        offers[order[j]].rank = group_start + 1;
        offers[order[j]].tied = i - group_start > 1;
      }
      group_start = i;
    }
  }
  std::vector<OfferResult> ranked;
  ranked.reserve(offers.size());
  for (const auto position : order) {
    ranked.push_back(std::move(offers[position]));
  }
  std::move(offers.begin() + static_cast<std::ptrdiff_t>(competing), offers.end(), std::back_inserter(ranked));
  offers = std::move(ranked);
}

}  // namespace

double FormulaShare(Formula formula, bool higher_is_better, double value, double best, double floor, double ceiling) {
  switch (formula) {
    case Formula::kLinear: {
      const double share = higher_is_better ? (value - floor) / (ceiling - floor) : (ceiling - value) / (ceiling - floor);
      return std::clamp(share, 0.0, 1.0);
    }
    case Formula::kRelativeToBest:
      if (higher_is_better) {
        return best > 0 ? std::clamp(value / best, 0.0, 1.0) : 0.0;
      }
      [[fallthrough]];
    case Formula::kLowestOverCandidate:
      // A figure at or below the lowest is the lowest; figures are not negative (prices, rates, energy).
      return value <= best ? 1.0 : std::clamp(std::max(best, 0.0) / value, 0.0, 1.0);
  }
  return 0;  // unreachable: every formula is handled above
}

std::size_t AwardTable::competing() const {
  return static_cast<std::size_t>(
      std::count_if(offers.begin(), offers.end(), [](const OfferResult& offer) { return !offer.eliminated(); }));
}

std::optional<std::size_t> AwardTable::winner() const {
  if (competing() == 0 || offers.front().tied) {
    return std::nullopt;
  }
  return 0;
}

AwardTable EvaluateAward(const AwardCriteria& criteria, const AwardInputs& inputs) {
  AwardTable table;
  table.criteria_path = criteria.path;
  table.title = criteria.title;
  table.total_points = criteria.total_points;
  table.runs = inputs.runs;
  std::vector<const Criterion*> leaf_criteria;
  Flatten(criteria.criteria, std::nullopt, table, leaf_criteria);
  ResolveDirections(criteria, inputs, leaf_criteria, table);

  std::set<std::string> suites;  // every suite the criteria need, for the error-rate ceiling
  for (const auto& leaf : table.leaves) {
    suites.insert(leaf.measure.suites.begin(), leaf.measure.suites.end());
  }
  for (const auto& score : criteria.requirements.scores) {
    suites.insert(score.suite);
  }

  for (const auto& offer : inputs.offers) {
    OfferResult result;
    result.offer = offer;
    CheckFacts(criteria.requirements, result);
    CheckScores(criteria, suites, result);
    ReadFigures(table, result);
    result.points.assign(table.nodes.size(), 0.0);
    table.offers.push_back(std::move(result));
  }

  for (std::size_t i = 0; i < table.leaves.size(); ++i) {
    auto& leaf = table.leaves[i];
    for (const auto& result : table.offers) {
      if (result.eliminated()) {
        continue;
      }
      const double value = *result.values[i];  // set: a missing figure eliminates the offer
      if (!leaf.best || (leaf.higher_is_better ? value > *leaf.best : value < *leaf.best)) {
        leaf.best = value;
      }
    }
  }
  for (auto& result : table.offers) {
    if (result.eliminated()) {
      continue;
    }
    for (const auto& leaf : table.leaves) {
      const double value = *result.values[*table.nodes[leaf.node].leaf];
      const double points = table.nodes[leaf.node].weight *
                            FormulaShare(leaf.formula, leaf.higher_is_better, value, *leaf.best, leaf.floor, leaf.ceiling);
      // A leaf's points count towards itself and each criterion above it.
      for (std::optional<std::size_t> n = leaf.node; n; n = table.nodes[*n].parent) {
        result.points[*n] += points;
      }
      result.total += points;
    }
  }
  Rank(table);
  return table;
}

}  // namespace etalon::award
