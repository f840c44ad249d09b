// Builders for award tests: a criteria file loaded from YAML text, and
// offers whose summary.json rows hold only the figures a test needs.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/award/award_criteria.hpp"
#include "etalon/award/award_offers.hpp"

namespace etalon::testing {

// Loads `yaml` as a criteria file; fails the test with the diagnostics when it does not load.
award::AwardCriteria CriteriaFromYaml(const std::string& yaml);

// A summary.json results[] row: `metrics` as {name: value}, the yearly price
// (null when unset), carbon per year, error rate.
nlohmann::json Cell(const std::map<std::string, double>& metrics, std::optional<double> per_year_eur,
                    std::optional<double> carbon_per_year_kg = std::nullopt, double error_rate = 0);

// An offer in competition by default: hosted in the EU, Apache-2.0, per the catalog.
award::Offer MakeOffer(const std::string& adapter, const std::map<std::string, nlohmann::json>& cells);

// Inputs where every named metric of suite `qa` and `sum` is higher-is-better, except "wer".
award::AwardInputs MakeInputs(std::vector<award::Offer> offers);

}  // namespace etalon::testing
