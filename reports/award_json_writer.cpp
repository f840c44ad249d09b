#include <nlohmann/json.hpp>

#include "award_text.hpp"
#include "etalon/reports/award_report.hpp"

namespace etalon::reports {

namespace {

// Bump when a field changes meaning or disappears; new fields keep it.
constexpr int kAwardJsonSchema = 1;

using Json = nlohmann::ordered_json;

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

const char* EliminationCode(award::EliminationKind kind) {
  switch (kind) {
    case award::EliminationKind::kHostingOutsideEu: return "hosting_outside_eu";
    case award::EliminationKind::kHostingUnknown: return "hosting_unknown";
    case award::EliminationKind::kLicenceNotAllowed: return "licence_not_allowed";
    case award::EliminationKind::kLicenceUnknown: return "licence_unknown";
    case award::EliminationKind::kScoreBelowMinimum: return "score_below_minimum";
    case award::EliminationKind::kScoreAboveMaximum: return "score_above_maximum";
    case award::EliminationKind::kErrorRateAboveMaximum: return "error_rate_above_maximum";
    case award::EliminationKind::kSuiteNotRun: return "suite_not_run";
    case award::EliminationKind::kFigureMissing: return "figure_missing";
  }
  return "";  // unreachable: every kind is handled above
}

const char* BasisCode(award::FactBasis basis) {
  switch (basis) {
    case award::FactBasis::kDeclared: return "declared";
    case award::FactBasis::kCatalog: return "catalog";
    case award::FactBasis::kBuyerHosted: return "buyer-hosted";
    case award::FactBasis::kUnknown: return "unknown";
  }
  return "";  // unreachable: every basis is handled above
}

Json Criteria(const award::AwardTable& table) {
  Json criteria = Json::array();
  for (const auto& node : table.nodes) {
    Json entry = {{"label", node.label}, {"path", node.path}, {"depth", node.depth}, {"points", node.weight},
                  {"line", node.line}};
    if (node.leaf) {
      const auto& leaf = table.leaves[*node.leaf];
      entry["measure"] = {{"kind", award::MeasureKindName(leaf.measure.kind)},
                          {"suites", leaf.measure.suites},
                          {"metric", leaf.measure.metric.empty() ? Json(nullptr) : Json(leaf.measure.metric)},
                          {"higher_is_better", leaf.higher_is_better}};
      entry["formula"] = {{"name", award::FormulaName(leaf.formula)},
                          {"floor", leaf.formula == award::Formula::kLinear ? Json(leaf.floor) : Json(nullptr)},
                          {"ceiling", leaf.formula == award::Formula::kLinear ? Json(leaf.ceiling) : Json(nullptr)}};
      entry["best"] = Optional(leaf.best);
    }
    criteria.push_back(std::move(entry));
  }
  return criteria;
}

Json Offer(const award::AwardTable& table, const award::OfferResult& result, double win_share) {
  const auto& offer = result.offer;
  Json eliminations = Json::array();
  for (const auto& elimination : result.eliminations) {
    eliminations.push_back({{"code", EliminationCode(elimination.kind)},
                            {"suite", elimination.suite.empty() ? Json(nullptr) : Json(elimination.suite)},
                            {"subject", elimination.subject.empty() ? Json(nullptr) : Json(elimination.subject)},
                            {"value", Optional(elimination.value)},
                            {"limit", Optional(elimination.limit)},
                            {"reason", EliminationText(elimination, Language::kEnglish)}});
  }
  Json criteria = Json::array();
  for (std::size_t n = 0; n < table.nodes.size(); ++n) {
    const auto& node = table.nodes[n];
    criteria.push_back({{"label", node.label},
                        {"points", result.eliminated() ? Json(nullptr) : Json(result.points[n])},
                        {"figure", node.leaf ? Optional(result.values[*node.leaf]) : Json(nullptr)}});
  }
  Json sources = Json::object();
  for (const auto& [suite, run] : offer.cell_sources) {
    sources[suite] = run;
  }
  return {{"adapter", offer.adapter},
          {"name", offer.name},
          {"kind", offer.kind},
          {"model", offer.model.empty() ? Json(nullptr) : Json(offer.model)},
          {"catalog_entry", offer.catalog_entry.empty() ? Json(nullptr) : Json(offer.catalog_entry)},
          {"eu_hosting", offer.eu_hosting ? Json(*offer.eu_hosting) : Json(nullptr)},
          {"eu_hosting_basis", BasisCode(offer.hosting_basis)},
          {"licence", offer.licence ? Json(*offer.licence) : Json(nullptr)},
          {"licence_basis", BasisCode(offer.licence_basis)},
          {"declared_yearly_price_eur", Optional(offer.declared_yearly_price_eur)},
          {"runs_by_suite", sources},
          {"eliminated", result.eliminated()},
          {"eliminations", eliminations},
          {"rank", result.eliminated() ? Json(nullptr) : Json(result.rank)},
          {"tied", result.tied},
          {"total", result.eliminated() ? Json(nullptr) : Json(result.total)},
          {"win_share", result.eliminated() ? Json(nullptr) : Json(win_share)},
          {"criteria", criteria}};
}

Json Flip(const award::AwardTable& table, const award::WinnerFlip& flip) {
  const auto label = [&](std::size_t leaf) { return table.nodes[table.leaves[leaf].node].path; };
  Json from = Json::array();
  for (const auto& transfer : flip.from) {
    from.push_back({{"criterion", label(transfer.from_leaf)}, {"points", transfer.points}});
  }
  return {{"offer", table.offers[flip.offer].offer.adapter},
          {"to", label(flip.to_leaf)},
          {"from", from},
          {"moved_points", flip.moved_points},
          {"l1_change", 2 * flip.moved_points},
          {"text", FlipText(table, flip, Language::kEnglish)}};
}

}  // namespace

void WriteAwardJson(const award::AwardTable& table, const award::Sensitivity& sensitivity, std::ostream& out) {
  Json json;
  json["schema"] = kAwardJsonSchema;
  json["criteria_file"] = table.criteria_path;
  json["title"] = table.title;
  json["runs"] = table.runs;
  json["total_points"] = table.total_points;
  json["criteria"] = Criteria(table);
  const auto winner = table.winner();
  json["winner"] = winner ? Json(table.offers[*winner].offer.adapter) : Json(nullptr);
  json["offers"] = Json::array();
  for (std::size_t i = 0; i < table.offers.size(); ++i) {
    json["offers"].push_back(Offer(table, table.offers[i], sensitivity.win_share[i]));
  }
  json["sensitivity"] = {
      {"method", "dirichlet"},
      {"concentration", sensitivity.settings.concentration},
      {"samples", sensitivity.settings.samples},
      {"seed", sensitivity.settings.seed},
      {"winner_stays_first", Optional(sensitivity.winner_stays_first)},
      {"smallest_flip", sensitivity.smallest_flip ? Flip(table, *sensitivity.smallest_flip) : Json(nullptr)}};
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace etalon::reports
