#include "award/award_fixtures.hpp"

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

namespace etalon::testing {

award::AwardCriteria CriteriaFromYaml(const std::string& yaml) {
  TempDir dir;
  core::Diagnostics diagnostics;
  const auto criteria = award::LoadAwardCriteria(dir.Write("criteria.yaml", yaml), diagnostics);
  for (const auto& diagnostic : diagnostics) {
    UNSCOPED_INFO(diagnostic.ToString());
  }
  REQUIRE(criteria);
  return *criteria;
}

nlohmann::json Cell(const std::map<std::string, double>& metrics, std::optional<double> per_year_eur,
                    std::optional<double> carbon_per_year_kg, double error_rate) {
  nlohmann::json cell = {{"error_rate", error_rate}, {"metrics", nlohmann::json::object()}};
  for (const auto& [name, value] : metrics) {
    cell["metrics"][name] = {{"value", value}};
  }
  cell["cost"] = per_year_eur ? nlohmann::json{{"per_year_eur", *per_year_eur}} : nlohmann::json(nullptr);
  cell["carbon"] = carbon_per_year_kg ? nlohmann::json{{"per_year_kgco2eq", {{"value", *carbon_per_year_kg}}}}
                                      : nlohmann::json(nullptr);
  return cell;
}

award::Offer MakeOffer(const std::string& adapter, const std::map<std::string, nlohmann::json>& cells) {
  award::Offer offer;
  offer.adapter = adapter;
  offer.name = adapter;
  offer.kind = "openai";
  offer.cells = cells;
  for (const auto& [suite, cell] : cells) {
    offer.cell_sources[suite] = "run";
  }
  offer.eu_hosting = true;
  offer.hosting_basis = award::FactBasis::kCatalog;
  offer.licence = "Apache-2.0";
  offer.licence_basis = award::FactBasis::kCatalog;
  return offer;
}

award::AwardInputs MakeInputs(std::vector<award::Offer> offers) {
  award::AwardInputs inputs;
  inputs.runs = {"run"};
  inputs.offers = std::move(offers);
  for (const char* suite : {"qa", "sum"}) {
    inputs.higher_is_better[suite] = {{"f1", true}, {"rougeL", true}, {"wer", false}};
  }
  return inputs;
}

}  // namespace etalon::testing
