#include "etalon/award/award_criteria.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "config/yaml_fields.hpp"

namespace etalon::award {

namespace {

constexpr double kMaxPoints = 1e6;
constexpr double kUnbounded = std::numeric_limits<double>::max();
constexpr int kMaxDepth = 8;  // deeper trees are a mistake, and the bound keeps recursion finite

// Weights are decimals written by people (12.5, 7.5): they must add up to
// the parent's to within rounding, not exactly in binary.
bool SameWeight(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

const std::vector<std::pair<const char*, MeasureKind>>& MeasureKinds() {
  static const std::vector<std::pair<const char*, MeasureKind>> kinds = {
      {"metric", MeasureKind::kMetric},
      {"yearly_price", MeasureKind::kYearlyPrice},
      {"energy_per_request", MeasureKind::kEnergyPerRequest},
      {"carbon_per_request", MeasureKind::kCarbonPerRequest},
      {"carbon_per_year", MeasureKind::kCarbonPerYear},
      {"p90_latency", MeasureKind::kP90Latency},
      {"error_rate", MeasureKind::kErrorRate},
  };
  return kinds;
}

const std::vector<std::pair<const char*, Formula>>& Formulas() {
  static const std::vector<std::pair<const char*, Formula>> formulas = {
      {"lowest_over_candidate", Formula::kLowestOverCandidate},
      {"relative_to_best", Formula::kRelativeToBest},
      {"linear", Formula::kLinear},
  };
  return formulas;
}

template <typename Value>
std::optional<Value> Lookup(const std::vector<std::pair<const char*, Value>>& table, const std::string& name) {
  for (const auto& [known, value] : table) {
    if (name == known) {
      return value;
    }
  }
  return std::nullopt;
}

template <typename Value>
std::string Names(const std::vector<std::pair<const char*, Value>>& table) {
  std::string names;
  for (const auto& entry : table) {
    names += names.empty() ? entry.first : std::string(", ") + entry.first;
  }
  return names;
}

bool IsYearly(MeasureKind kind) { return kind == MeasureKind::kYearlyPrice || kind == MeasureKind::kCarbonPerYear; }

void ReadMeasure(const YAML::Node& node, const std::string& file, const std::string& prefix, Criterion& leaf,
                 core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), prefix, "must be a mapping (kind: ..., suite: ...)"});
    return;
  }
  config::YamlFields fields(node, file, prefix, diagnostics);
  fields.RejectUnknown({"kind", "suite", "suites", "metric"});
  const auto kind_name = fields.String("kind", true);
  if (kind_name) {
    if (const auto kind = Lookup(MeasureKinds(), *kind_name)) {
      leaf.measure.kind = *kind;
    } else {
      fields.Report("kind", fmt::format("unknown measure '{}' (known: {})", *kind_name, Names(MeasureKinds())));
      return;
    }
  }
  if (fields.Has("suite") && fields.Has("suites")) {
    fields.Report("suites", "give suite or suites, not both");
  }
  if (fields.Has("suites")) {
    leaf.measure.suites = fields.StringList("suites", true).value_or(std::vector<std::string>{});
    if (!IsYearly(leaf.measure.kind) && leaf.measure.suites.size() != 1) {
      fields.Report("suites", "only yearly figures (yearly_price, carbon_per_year) are summed over several suites");
    }
  } else if (const auto suite = fields.String("suite", true)) {
    leaf.measure.suites = {*suite};
  }
  const auto metric = fields.String("metric", leaf.measure.kind == MeasureKind::kMetric);
  if (metric && leaf.measure.kind != MeasureKind::kMetric) {
    fields.Report("metric", "applies to kind: metric only");
  }
  leaf.measure.metric = metric.value_or("");
}

std::optional<Criterion> ReadCriterion(const YAML::Node& node, const std::string& file, const std::string& prefix,
                                       int depth, core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), prefix, "must be a mapping (label: ..., weight: ...)"});
    return std::nullopt;
  }
  const auto before = diagnostics.size();
  config::YamlFields fields(node, file, prefix, diagnostics);
  fields.RejectUnknown({"label", "weight", "criteria", "measure", "formula", "floor", "ceiling"});
  Criterion criterion;
  criterion.line = config::LineOf(node);
  criterion.label = fields.String("label", true).value_or("");
  const auto weight = fields.Number("weight", 0, kMaxPoints);
  if (!fields.Has("weight")) {
    fields.Report("weight", "is required (points)");
  } else if (weight && *weight <= 0) {
    fields.Report("weight", "must be above 0 (remove a criterion that weighs nothing)");
  }
  criterion.weight = weight.value_or(0);

  if (fields.Has("criteria")) {
    for (const char* leaf_only : {"measure", "formula", "floor", "ceiling"}) {
      if (fields.Has(leaf_only)) {
        fields.Report(leaf_only, "belongs to a leaf criterion; this one has sub-criteria");
      }
    }
    const auto children = fields.Node("criteria");
    if (depth >= kMaxDepth) {
      fields.Report("criteria", fmt::format("nests deeper than {} levels", kMaxDepth));
    } else if (!children.IsSequence() || children.size() == 0) {
      fields.Report("criteria", "must be a non-empty list of criteria");
    } else {
      std::size_t index = 0;
      double sum = 0;
      for (const auto& child_node : children) {
        if (auto child = ReadCriterion(child_node, file, fmt::format("{}.criteria[{}]", prefix, index), depth + 1,
                                       diagnostics)) {
          sum += child->weight;
          criterion.children.push_back(std::move(*child));
        }
        ++index;
      }
      if (criterion.children.size() == children.size() && weight && !SameWeight(sum, *weight)) {
        fields.Report("criteria", fmt::format("weights add up to {}, not to the criterion's weight {}", sum, *weight));
      }
    }
  } else {
    if (!fields.Has("measure")) {
      fields.Report("measure", "is required on a leaf criterion (or give sub-criteria)");
    } else {
      ReadMeasure(fields.Node("measure"), file, prefix + ".measure", criterion, diagnostics);
    }
    if (const auto formula_name = fields.String("formula", true)) {
      if (const auto formula = Lookup(Formulas(), *formula_name)) {
        criterion.formula = *formula;
      } else {
        fields.Report("formula", fmt::format("unknown formula '{}' (known: {})", *formula_name, Names(Formulas())));
      }
    }
    const bool linear = criterion.formula == Formula::kLinear;
    const auto floor = fields.Number("floor", -kUnbounded, kUnbounded);
    const auto ceiling = fields.Number("ceiling", -kUnbounded, kUnbounded);
    for (const char* threshold : {"floor", "ceiling"}) {
      if (linear && !fields.Has(threshold)) {
        fields.Report(threshold, "is required by the linear formula");
      }
      if (!linear && fields.Has(threshold)) {
        fields.Report(threshold, "applies to the linear formula only");
      }
    }
    if (floor && ceiling && *floor >= *ceiling) {
      fields.Report("ceiling", fmt::format("must be above floor ({} is not above {})", *ceiling, *floor));
    }
    criterion.floor = floor.value_or(0);
    criterion.ceiling = ceiling.value_or(0);
  }
  if (diagnostics.size() != before) {
    return std::nullopt;
  }
  return criterion;
}

void ReadRequirements(const YAML::Node& node, const std::string& file, Requirements& requirements,
                      core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), "requirements", "must be a mapping"});
    return;
  }
  config::YamlFields fields(node, file, "requirements", diagnostics);
  fields.RejectUnknown({"eu_hosting", "licences", "scores", "max_error_rate"});
  requirements.eu_hosting = fields.Boolean("eu_hosting").value_or(false);
  requirements.licences = fields.StringList("licences", false);
  if (requirements.licences && requirements.licences->empty()) {
    fields.Report("licences", "must name at least one licence");
  }
  requirements.max_error_rate = fields.Number("max_error_rate", 0, 1);
  if (!fields.Has("scores")) {
    return;
  }
  const auto scores = fields.Node("scores");
  if (!scores.IsSequence()) {
    fields.Report("scores", "must be a list of {suite, metric, min or max}");
    return;
  }
  std::size_t index = 0;
  for (const auto& entry : scores) {
    const auto prefix = fmt::format("requirements.scores[{}]", index++);
    if (!entry.IsMap()) {
      diagnostics.push_back({file, config::LineOf(entry), prefix, "must be a mapping (suite, metric, min or max)"});
      continue;
    }
    config::YamlFields score_fields(entry, file, prefix, diagnostics);
    score_fields.RejectUnknown({"suite", "metric", "min", "max"});
    ScoreRequirement score;
    score.line = config::LineOf(entry);
    score.suite = score_fields.String("suite", true).value_or("");
    score.metric = score_fields.String("metric", true).value_or("");
    score.min = score_fields.Number("min", -kUnbounded, kUnbounded);
    score.max = score_fields.Number("max", -kUnbounded, kUnbounded);
    if (!score_fields.Has("min") && !score_fields.Has("max")) {
      score_fields.ReportAt(score.line, prefix, "requires nothing: give min or max");
    }
    requirements.scores.push_back(std::move(score));
  }
}

void ReadOffers(const YAML::Node& node, const std::string& file, std::vector<DeclaredOffer>& offers,
                core::Diagnostics& diagnostics) {
  if (!node.IsSequence() || node.size() == 0) {
    diagnostics.push_back({file, config::LineOf(node), "offers", "must be a non-empty list of {adapter, ...}"});
    return;
  }
  std::size_t index = 0;
  for (const auto& entry : node) {
    const auto prefix = fmt::format("offers[{}]", index++);
    if (!entry.IsMap()) {
      diagnostics.push_back({file, config::LineOf(entry), prefix, "must be a mapping (adapter: ...)"});
      continue;
    }
    config::YamlFields fields(entry, file, prefix, diagnostics);
    fields.RejectUnknown({"adapter", "name", "eu_hosting", "licence", "yearly_price_eur"});
    DeclaredOffer offer;
    offer.line = config::LineOf(entry);
    offer.adapter = fields.String("adapter", true).value_or("");
    offer.name = fields.String("name", false).value_or("");
    offer.eu_hosting = fields.Boolean("eu_hosting");
    offer.licence = fields.String("licence", false);
    offer.yearly_price_eur = fields.Number("yearly_price_eur", 0, kUnbounded);
    for (const auto& earlier : offers) {
      if (!offer.adapter.empty() && earlier.adapter == offer.adapter) {
        fields.Report("adapter", fmt::format("'{}' is already an offer (line {})", offer.adapter, earlier.line));
      }
    }
    offers.push_back(std::move(offer));
  }
}

void ReadSensitivity(const YAML::Node& node, const std::string& file, SensitivitySettings& settings,
                     core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), "sensitivity", "must be a mapping"});
    return;
  }
  config::YamlFields fields(node, file, "sensitivity", diagnostics);
  fields.RejectUnknown({"concentration", "samples", "seed"});
  settings.concentration = fields.Number("concentration", 1e-3, 1e9).value_or(kDefaultConcentration);
  settings.samples = static_cast<std::size_t>(
      fields.Integer("samples", 1, 10'000'000).value_or(static_cast<std::int64_t>(kDefaultSamples)));
  if (const auto seed = fields.Integer("seed", 0, std::numeric_limits<std::int64_t>::max())) {
    settings.seed = static_cast<std::uint64_t>(*seed);
  }
}

}  // namespace

const char* MeasureKindName(MeasureKind kind) {
  for (const auto& [name, known] : MeasureKinds()) {
    if (known == kind) {
      return name;
    }
  }
  return "";  // unreachable: every kind is in the table
}

const char* FormulaName(Formula formula) {
  for (const auto& [name, known] : Formulas()) {
    if (known == formula) {
      return name;
    }
  }
  return "";  // unreachable: every formula is in the table
}

std::optional<AwardCriteria> LoadAwardCriteria(const std::string& path, core::Diagnostics& diagnostics) {
  const auto root = config::LoadYamlFile(path, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  const auto before = diagnostics.size();
  config::YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"title", "total_points", "criteria", "requirements", "offers", "sensitivity"});
  AwardCriteria award;
  award.path = path;
  award.title = fields.String("title", false).value_or("");
  award.total_points = fields.Number("total_points", 1e-9, kMaxPoints).value_or(award.total_points);
  const auto criteria = fields.Node("criteria");
  if (!fields.Has("criteria") || !criteria.IsSequence() || criteria.size() == 0) {
    fields.Report("criteria", "must be a non-empty list of criteria");
  } else {
    std::size_t index = 0;
    double sum = 0;
    for (const auto& node : criteria) {
      if (auto criterion = ReadCriterion(node, path, fmt::format("criteria[{}]", index), 1, diagnostics)) {
        sum += criterion->weight;
        award.criteria.push_back(std::move(*criterion));
      }
      ++index;
    }
    if (award.criteria.size() == criteria.size() && !SameWeight(sum, award.total_points)) {
      fields.Report("criteria",
                    fmt::format("weights add up to {}, not to total_points {}", sum, award.total_points));
    }
  }
  if (fields.Has("requirements")) {
    ReadRequirements(fields.Node("requirements"), path, award.requirements, diagnostics);
  }
  if (fields.Has("offers")) {
    ReadOffers(fields.Node("offers"), path, award.offers, diagnostics);
  }
  if (fields.Has("sensitivity")) {
    ReadSensitivity(fields.Node("sensitivity"), path, award.sensitivity, diagnostics);
  }
  if (diagnostics.size() != before) {
    return std::nullopt;
  }
  return award;
}

}  // namespace etalon::award
