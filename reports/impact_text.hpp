// Cost and carbon figures of one summary cell (`results[].cost`,
// `results[].carbon`, docs/cost.md) in words, with their basis, ranges and
// assumptions, for every report format that shows them to people.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// "0,0806 € au total ; 0,00134 € par requête ; ..." or "—" when null.
std::string CostText(const nlohmann::ordered_json& cost, Language language);
// "0,000141 kgCO2e (0,000114 à 0,000168), estimé : ecologits-0.9.1 ..." or "—".
std::string CarbonText(const nlohmann::ordered_json& carbon, Language language);
// The cost per request, for the quality-against-cost chart.
std::optional<double> CostPerRequest(const nlohmann::ordered_json& cost);

}  // namespace etalon::reports
