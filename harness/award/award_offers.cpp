#include "etalon/award/award_offers.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "etalon/gate/gate_run.hpp"

namespace etalon::award {

namespace {

// Local engines (builtins, command programs) and self-hosted models run on
// machines the buyer chooses: the offer is the software, not a hosting.
bool BuyerHosted(const std::string& kind, const std::string& provider) {
  return kind.rfind("builtin:", 0) == 0 || kind == "command" || provider == "self-hosted";
}

std::string Text(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

void ApplyFacts(Offer& offer, const std::string& preset, const meters::ModelCatalog* catalog) {
  const auto provider = meters::CatalogProviderFor(offer.kind, preset);
  const meters::ModelEntry* entry =
      catalog != nullptr && !offer.model.empty() ? catalog->Find(offer.model, offer.model, provider) : nullptr;
  if (entry != nullptr) {
    offer.catalog_entry = entry->provider + "/" + entry->id;
    if (!entry->licence.empty()) {
      offer.licence = entry->licence;
      offer.licence_basis = FactBasis::kCatalog;
    }
  }
  if (BuyerHosted(offer.kind, provider)) {
    offer.eu_hosting = true;
    offer.hosting_basis = FactBasis::kBuyerHosted;
  } else if (entry != nullptr && entry->hosting.eu_hosting) {
    offer.eu_hosting = entry->hosting.eu_hosting;
    offer.hosting_basis = FactBasis::kCatalog;
  }
}

void ApplyDeclared(Offer& offer, const DeclaredOffer& declared) {
  if (!declared.name.empty()) {
    offer.name = declared.name;
  }
  if (declared.eu_hosting) {
    offer.eu_hosting = declared.eu_hosting;
    offer.hosting_basis = FactBasis::kDeclared;
  }
  if (declared.licence) {
    offer.licence = declared.licence;
    offer.licence_basis = FactBasis::kDeclared;
  }
  offer.declared_yearly_price_eur = declared.yearly_price_eur;
}

void ReadSuiteDirections(const nlohmann::json& summary, AwardInputs& inputs) {
  const auto suites = summary.find("suites");
  if (suites == summary.end() || !suites->is_array()) {
    return;
  }
  for (const auto& suite : *suites) {
    const auto metrics = suite.find("metrics");
    if (metrics == suite.end() || !metrics->is_array()) {
      continue;
    }
    for (const auto& metric : *metrics) {
      const auto higher = metric.find("higher_is_better");
      if (higher != metric.end() && higher->is_boolean()) {
        inputs.higher_is_better[Text(suite, "id")].emplace(Text(metric, "name"), higher->get<bool>());
      }
    }
  }
}

}  // namespace

AwardInputs LoadAwardInputs(const std::vector<std::string>& runs, const AwardCriteria& criteria,
                            const meters::ModelCatalog* catalog) {
  AwardInputs inputs;
  inputs.runs = runs;
  std::map<std::string, std::size_t> index_of;  // adapter id -> position in inputs.offers
  for (const auto& run_path : runs) {
    gate::GateRun run;
    try {
      run = gate::LoadGateRun(run_path);
    } catch (const gate::GateInputError& error) {
      throw AwardInputError(error.what());
    }
    const auto& summary = run.summary;
    ReadSuiteDirections(summary, inputs);
    std::map<std::string, nlohmann::json> configs;  // adapter id -> plan.resolved.adapters[] entry
    if (const auto plan = summary.find("plan"); plan != summary.end() && plan->contains("resolved")) {
      for (const auto& adapter : plan->at("resolved").value("adapters", nlohmann::json::array())) {
        configs[Text(adapter, "id")] = adapter;
      }
    }
    for (const auto& row : summary.at("results")) {
      const auto adapter = Text(row, "adapter");
      const auto suite = Text(row, "suite");
      auto [position, added] = index_of.try_emplace(adapter, inputs.offers.size());
      if (added) {
        Offer offer;
        offer.adapter = adapter;
        offer.name = adapter;
        const auto& config = configs[adapter];
        offer.kind = Text(config, "kind");
        offer.model = Text(config, "model");
        ApplyFacts(offer, Text(config, "preset"), catalog);
        inputs.offers.push_back(std::move(offer));
      }
      auto& offer = inputs.offers[position->second];
      if (const auto earlier = offer.cell_sources.find(suite); earlier != offer.cell_sources.end()) {
        throw AwardInputError(fmt::format("adapter '{}' ran suite '{}' in two runs ({} and {}): give one of them",
                                          adapter, suite, earlier->second, run_path));
      }
      offer.cells[suite] = row;
      offer.cell_sources[suite] = run_path;
    }
  }
  if (criteria.offers.empty()) {
    return inputs;
  }
  std::vector<Offer> declared_offers;
  for (std::size_t i = 0; i < criteria.offers.size(); ++i) {
    const auto& declared = criteria.offers[i];
    const auto found = index_of.find(declared.adapter);
    if (found == index_of.end()) {
      throw AwardInputError(core::Diagnostic{criteria.path, declared.line, fmt::format("offers[{}].adapter", i),
                                             fmt::format("'{}' is in none of the runs given", declared.adapter)}
                                .ToString());
    }
    auto offer = inputs.offers[found->second];
    ApplyDeclared(offer, declared);
    declared_offers.push_back(std::move(offer));
  }
  inputs.offers = std::move(declared_offers);
  return inputs;
}

}  // namespace etalon::award
