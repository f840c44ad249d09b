// Tests for harness/meters/model_catalog.cpp: lookups by served id and
// alias, EUR conversion, and the rule that a figure needs its source.
#include <catch2/catch.hpp>

#include <algorithm>

#include "etalon/meters/model_catalog.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::ModelCatalog;

namespace {

const char* kMixes = R"(schema: 1
zones:
  - zone: FRA
    name: France
    gwp_kgco2eq_per_kwh: 0.04418
    adpe_kgsbeq_per_kwh: 4.858e-08
    pe_mj_per_kwh: 9.3135
    wue_l_per_kwh: 3.6737
    year: 2023
    source: https://example.org/mixes
)";

const char* kModels = R"(schema: 1
eur_rates:
  - currency: USD
    eur_per_unit: 0.9
    date: "2026-11-02"
    source: https://example.org/rates
providers:
  - id: vendor
    name: Vendor
    pue: [1.1, 1.3]
    electricity_zone: FRA
    sources: [https://example.org/pue]
models:
  - id: chat-2026-01
    provider: vendor
    aliases: [chat-latest]
    price:
      input_per_million: 2
      output_per_million: 8
      currency: USD
      date: "2026-11-01"
      source: https://example.org/prices
    parameters:
      total_b: [20, 40]
      active_b: null
      source: https://example.org/card
    licence: proprietary
    open_weights: false
    context_window_tokens: 128000
    hosting:
      regions: [EU]
      eu_hosting: true
      secnumcloud: null
      source: https://example.org/hosting
    sources: [https://example.org/card]
)";

std::string Messages(const etalon::core::Diagnostics& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    text += diagnostic.ToString() + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("The catalog finds a model by the id the API served, or by an alias", "[catalog]") {
  etalon::testing::TempDir dir;
  etalon::core::Diagnostics diagnostics;
  const auto catalog = ModelCatalog::Load(dir.Write("models.yaml", kModels), dir.Write("mixes.yaml", kMixes), diagnostics);
  INFO(Messages(diagnostics));
  REQUIRE(catalog);
  const auto* by_id = catalog->Find("chat-2026-01");
  REQUIRE(by_id != nullptr);
  CHECK(catalog->Find("", "chat-latest") == by_id);
  CHECK(catalog->Find("unknown-model", "chat-latest") == by_id);
  CHECK(catalog->Find("unknown-model") == nullptr);
  REQUIRE(by_id->price);
  CHECK(by_id->price->eur_per_unit == 0.9);
  CHECK(by_id->price->rate_date == "2026-11-02");
  CHECK(by_id->total_params_b->low == 20);
  CHECK(by_id->total_params_b->high == 40);
  CHECK_FALSE(by_id->active_params_b.has_value());
  CHECK_FALSE(by_id->hosting.secnumcloud.has_value());
  CHECK(catalog->Provider("vendor")->pue->high == 1.3);
  CHECK(catalog->Zone("FRA")->mix.gwp_kgco2eq_per_kwh == 0.04418);
}

TEST_CASE("A catalog fact without its source, or in an unknown currency, is a located error", "[catalog]") {
  etalon::testing::TempDir dir;
  std::string models = kModels;
  models.replace(models.find("      source: https://example.org/prices\n"),
                 std::string("      source: https://example.org/prices\n").size(), "");
  models.replace(models.find("currency: USD\n      date"), std::string("currency: USD").size(), "currency: GBP");
  models.replace(models.find("provider: vendor\n    aliases"), std::string("provider: vendor").size(),
                 "provider: nobody");
  etalon::core::Diagnostics diagnostics;
  const auto path = dir.Write("models.yaml", models);
  CHECK_FALSE(ModelCatalog::Load(path, dir.Write("mixes.yaml", kMixes), diagnostics));
  const auto text = Messages(diagnostics);
  CHECK_THAT(text, Catch::Contains(path + ":18: field 'models[0].price.source': is required: every price needs"));
  CHECK_THAT(text, Catch::Contains("field 'models[0].price.currency': no eur_rates entry converts GBP to EUR"));
  CHECK_THAT(text, Catch::Contains("field 'models[0].provider': unknown provider 'nobody'"));
}

TEST_CASE("The shipped catalog loads and covers the vendors buyers compare", "[catalog]") {
  const std::string root = ETALON_SOURCE_DIR;
  etalon::core::Diagnostics diagnostics;
  const auto catalog = ModelCatalog::Load(root + "/adapters/catalog/models.yaml",
                                          root + "/adapters/catalog/electricity_mixes.yaml", diagnostics);
  INFO(Messages(diagnostics));
  REQUIRE(catalog);
  for (const char* provider : {"albert", "mistral", "openai", "anthropic", "self-hosted", "simulator"}) {
    INFO(provider);
    CHECK(std::count_if(catalog->models().begin(), catalog->models().end(),
                        [&](const auto& model) { return model.provider == provider; }) >= 1);
  }
  for (const char* zone : {"FRA", "SWE", "USA", "WOR"}) {
    CHECK(catalog->Zone(zone) != nullptr);
  }
  // The same open weights, listed by the state's API and as self-hosted, stay two entries.
  const auto* on_albert = catalog->Find("mistralai/Mistral-Small-3.2-24B-Instruct-2506", "", "albert");
  const auto* self_hosted = catalog->Find("mistralai/Mistral-Small-3.2-24B-Instruct-2506", "", "self-hosted");
  REQUIRE(on_albert != nullptr);
  REQUIRE(self_hosted != nullptr);
  CHECK(on_albert != self_hosted);
}

TEST_CASE("A training-data disclosure is read with its source, and refused without one", "[catalog][audit]") {
  etalon::testing::TempDir dir;
  const std::string disclosed =
      std::string(kModels) +
      "    training_data: {disclosure: public web text and licensed data, source: https://example.org/card}\n";
  etalon::core::Diagnostics diagnostics;
  const auto catalog = ModelCatalog::Load(dir.Write("models.yaml", disclosed), dir.Write("mixes.yaml", kMixes), diagnostics);
  INFO(Messages(diagnostics));
  REQUIRE(catalog);
  CHECK(catalog->Find("chat-2026-01")->training_data == "public web text and licensed data");
  CHECK(catalog->Find("chat-2026-01")->training_data_source == "https://example.org/card");

  etalon::core::Diagnostics missing_source;
  CHECK_FALSE(ModelCatalog::Load(dir.Write("unsourced.yaml", std::string(kModels) + "    training_data: {disclosure: web text}\n"),
                                 dir.Write("mixes.yaml", kMixes), missing_source));
  CHECK_THAT(Messages(missing_source), Catch::Contains("field 'models[0].training_data.source': is required"));
}
