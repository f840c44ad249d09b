#include "model_facts.hpp"

#include "plan_setup.hpp"

namespace etalon::cli {

namespace {

nlohmann::json TextOrNull(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); }

nlohmann::json FlagOrNull(const std::optional<bool>& flag) { return flag ? nlohmann::json(*flag) : nlohmann::json(); }

}  // namespace

nlohmann::json ModelFacts(const nlohmann::ordered_json& summary) {
  nlohmann::json facts = nlohmann::json::array();
  core::Diagnostics diagnostics;
  const auto catalog = LoadShippedCatalog(diagnostics);
  const auto plan = summary.find("plan");
  if (!catalog || plan == summary.end() || !plan->contains("resolved") || !plan->at("resolved").contains("adapters")) {
    return facts;
  }
  for (const auto& adapter : plan->at("resolved").at("adapters")) {
    const auto model = adapter.value("model", std::string());
    const auto* entry = model.empty() ? nullptr : catalog->Find(model, model);
    nlohmann::json fact = {{"adapter", adapter.value("id", std::string())}, {"model", model},
                           {"in_catalog", entry != nullptr}};
    fact["licence"] = entry != nullptr ? TextOrNull(entry->licence) : nlohmann::json();
    fact["open_weights"] = entry != nullptr ? FlagOrNull(entry->open_weights) : nlohmann::json();
    fact["regions"] = entry != nullptr ? nlohmann::json(entry->hosting.regions) : nlohmann::json::array();
    fact["eu_hosting"] = entry != nullptr ? FlagOrNull(entry->hosting.eu_hosting) : nlohmann::json();
    fact["secnumcloud"] = entry != nullptr ? FlagOrNull(entry->hosting.secnumcloud) : nlohmann::json();
    fact["training_data"] = entry != nullptr ? TextOrNull(entry->training_data) : nlohmann::json();
    fact["training_data_source"] = entry != nullptr ? TextOrNull(entry->training_data_source) : nlohmann::json();
    facts.push_back(std::move(fact));
  }
  return facts;
}

}  // namespace etalon::cli
