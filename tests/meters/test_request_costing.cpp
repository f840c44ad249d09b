// Tests for harness/meters/request_costing.cpp with the shipped catalog's
// test fixture (simulated-chat: 1.00 / 2.00 EUR per million tokens, 7 to 9
// billion parameters, a provider without a published PUE).
#include <catch2/catch.hpp>

#include "etalon/meters/request_costing.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::ModelCatalog;
using etalon::meters::RequestCosting;

namespace {

const ModelCatalog& ShippedCatalog() {
  static const auto catalog = [] {
    const std::string root = ETALON_SOURCE_DIR;
    etalon::core::Diagnostics diagnostics;
    auto loaded = ModelCatalog::Load(root + "/adapters/catalog/models.yaml",
                                     root + "/adapters/catalog/electricity_mixes.yaml", diagnostics);
    REQUIRE(loaded);
    return *loaded;
  }();
  return catalog;
}

etalon::core::Response Answer(std::int64_t input_tokens, std::int64_t output_tokens, bool estimated = false) {
  etalon::core::Response response;
  response.served_model = "simulated-chat";
  response.usage.input_tokens = input_tokens;
  response.usage.output_tokens = output_tokens;
  response.usage.estimated = estimated;
  response.timing.end_to_end_ms = 2000;
  return response;
}

}  // namespace

TEST_CASE("A request's cost is its tokens times the published prices", "[cost]") {
  const RequestCosting costing(&ShippedCatalog(), "simulated-chat", "simulator", true);
  // (1,000 x 1.00 + 500 x 2.00) / 1,000,000 = 0.002 EUR.
  const auto cost = costing.Cost(Answer(1000, 500));
  CHECK(cost["eur"].get<double>() == Approx(0.002));
  CHECK(cost["model"] == "simulated-chat");
  CHECK(cost["eur_rate"].is_null());  // priced in EUR: no conversion
  CHECK(cost["usage_estimated"] == false);
  CHECK(costing.Cost(Answer(1000, 500, true))["usage_estimated"] == true);
  CHECK(costing.MissingPriceReason().empty());
}

TEST_CASE("A model missing from the catalog gets a null cost and a warning, never zero", "[cost]") {
  const RequestCosting costing(&ShippedCatalog(), "no-such-model", "", true);
  auto response = Answer(1000, 500);
  response.served_model = "no-such-model-2026";
  CHECK(costing.Cost(response).is_null());
  CHECK_THAT(costing.MissingPriceReason(), Catch::Contains("'no-such-model' is not in the catalog"));
  CHECK_FALSE(costing.EstimateEnergy(response).has_value());
}

TEST_CASE("A response without token counts cannot be priced", "[cost]") {
  const RequestCosting costing(&ShippedCatalog(), "simulated-chat", "simulator", true);
  auto response = Answer(1000, 500);
  response.usage.output_tokens.reset();
  CHECK(costing.Cost(response).is_null());
}

TEST_CASE("A remote model's energy is an EcoLogits estimate with a range and its assumptions", "[cost][energy]") {
  const RequestCosting costing(&ShippedCatalog(), "simulated-chat", "simulator", true);
  const auto response = Answer(1000, 500);
  const auto energy = costing.EstimateEnergy(response);
  REQUIRE(energy);
  CHECK_FALSE(energy->measured);
  CHECK(energy->method == "ecologits-0.9.1");
  // Low bound: 7 B parameters at PUE 1.1; high: 9 B at PUE 1.6 (no published PUE).
  etalon::meters::EcoLogitsInput low;
  low.active_params_b = low.total_params_b = 7;
  low.output_tokens = 500;
  low.request_latency_s = 2.0;
  low.pue = 1.1;
  low.mix = ShippedCatalog().Zone("WOR")->mix;  // the simulator provider's zone
  etalon::meters::EcoLogitsInput high = low;
  high.active_params_b = high.total_params_b = 9;
  high.pue = 1.6;
  CHECK(*energy->low_joules == Approx(etalon::meters::EstimateWithEcoLogits(low).request_energy_kwh * 3.6e6));
  CHECK(*energy->high_joules == Approx(etalon::meters::EstimateWithEcoLogits(high).request_energy_kwh * 3.6e6));
  CHECK(energy->joules == Approx((*energy->low_joules + *energy->high_joules) / 2));
  const auto carbon = costing.Carbon(response);
  CHECK(carbon["method"] == "ecologits-0.9.1");
  CHECK_THAT(carbon["assumptions"].get<std::string>(), Catch::Contains("PUE not published"));
  CHECK(carbon["low_kgco2eq"].get<double>() < carbon["high_kgco2eq"].get<double>());
  // Primary energy: usage (energy x the zone's MJ/kWh) plus embodied, at each bound.
  const auto low_impacts = etalon::meters::EstimateWithEcoLogits(low);
  CHECK(carbon["primary_energy_mj"]["low"].get<double>() ==
        Approx(low_impacts.request_usage_pe_mj + low_impacts.request_embodied_pe_mj));
  CHECK(carbon["water_l"]["low"].get<double>() == Approx(low_impacts.request_usage_wcf_l));
  CHECK(carbon["water_l"]["high"].get<double>() > carbon["water_l"]["low"].get<double>());
}

TEST_CASE("A local engine gets no API estimate and no price warning", "[cost]") {
  const RequestCosting costing(&ShippedCatalog(), "", "", false);
  CHECK_FALSE(costing.EstimateEnergy(Answer(1000, 500)).has_value());
  CHECK(costing.MissingPriceReason().empty());
}

TEST_CASE("A price published in USD is converted at the catalog's stated rate", "[cost]") {
  etalon::testing::TempDir dir;
  const auto mixes = dir.Write("mixes.yaml", "schema: 1\nzones:\n  - {zone: WOR, gwp_kgco2eq_per_kwh: 0.5, "
                                             "adpe_kgsbeq_per_kwh: 0, pe_mj_per_kwh: 10, wue_l_per_kwh: 4, "
                                             "source: https://example.org/mix}\n");
  const auto models = dir.Write(
      "models.yaml",
      "schema: 1\neur_rates:\n  - {currency: USD, eur_per_unit: 0.9, date: \"2026-11-02\", source: https://example.org/fx}\n"
      "providers:\n  - {id: vendor, electricity_zone: WOR, sources: []}\n"
      "models:\n  - id: chat-2026-01\n    provider: vendor\n    price: {input_per_million: 2, output_per_million: 8, "
      "currency: USD, date: \"2026-11-01\", source: https://example.org/prices}\n");
  etalon::core::Diagnostics diagnostics;
  const auto catalog = ModelCatalog::Load(models, mixes, diagnostics);
  REQUIRE(catalog);
  const RequestCosting costing(&*catalog, "chat-2026-01", "vendor", true);
  auto response = Answer(1000, 500);
  response.served_model = "chat-2026-01";
  // (1,000 x 2 + 500 x 8) / 10^6 = 0.006 USD, x 0.9 = 0.0054 EUR.
  const auto cost = costing.Cost(response);
  CHECK(cost["eur"].get<double>() == Approx(0.0054));
  CHECK(cost["eur_rate"]["currency"] == "USD");
  CHECK(cost["eur_rate"]["eur_per_unit"] == 0.9);
  CHECK(cost["eur_rate"]["date"] == "2026-11-02");
  // No parameter count published: no energy estimate, rather than a guess.
  CHECK_FALSE(costing.EstimateEnergy(response).has_value());
}
