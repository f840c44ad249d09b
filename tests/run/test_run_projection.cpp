// Tests for harness/run/run_projection.cpp: a projection worked by hand with
// the shipped catalog's fixture (1.00 / 2.00 EUR per million tokens).
#include <catch2/catch.hpp>

#include "etalon/run/run_projection.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("A dry run projects tokens and cost from the rendered prompts", "[run][cost]") {
  etalon::testing::TempDir dir;
  // Two prompts of 40 characters: 10 tokens each at 4 characters a token.
  dir.Write("d.jsonl", "{\"id\": \"a\", \"input\": \"" + std::string(40, 'x') + "\", \"reference\": \"r\"}\n" +
                           "{\"id\": \"b\", \"input\": \"" + std::string(40, 'y') + "\", \"reference\": \"r\"}\n");
  const auto suite_path = dir.Write("s.yaml", "id: s\ntask: chat\ndataset: d.jsonl\ntemplate: \"{{input}}\"\n"
                                              "metrics: [token_f1]\ngeneration: {max_tokens: 100}\n");
  etalon::core::Diagnostics diagnostics;
  const auto suite = etalon::run::PrepareSuite(suite_path, diagnostics);
  REQUIRE(diagnostics.empty());
  const std::string root = ETALON_SOURCE_DIR;
  const auto catalog = etalon::meters::ModelCatalog::Load(
      root + "/adapters/catalog/models.yaml", root + "/adapters/catalog/electricity_mixes.yaml", diagnostics);
  REQUIRE(catalog);
  const etalon::meters::RequestCosting costing(&*catalog, "simulated-chat", "simulator", true);

  const auto cells = etalon::run::ProjectRun({{"sim", &costing, {suite.get()}}}, std::nullopt, 3);
  REQUIRE(cells.size() == 1);
  const auto& cell = cells[0];
  CHECK(cell.requests == 6);          // 2 samples x 3 repeats
  CHECK(cell.input_tokens == 60);     // 10 tokens x 6
  CHECK(cell.output_tokens == 600);   // max_tokens x 6
  // Per request (10 x 1.00 + 100 x 2.00) / 10^6 = 0.00021 EUR; 6 requests.
  REQUIRE(cell.eur);
  CHECK(*cell.eur == Approx(0.00126));
  REQUIRE(cell.joules);
  CHECK(cell.joules->low < cell.joules->high);
  REQUIRE(cell.compute_s);
  CHECK(cell.compute_s->low > 0);

  const etalon::meters::RequestCosting local(&*catalog, "", "", false);
  const auto local_cells = etalon::run::ProjectRun({{"lead", &local, {suite.get()}}}, 1, 1);
  CHECK(local_cells[0].requests == 1);
  CHECK_FALSE(local_cells[0].eur);
  CHECK_FALSE(local_cells[0].joules);
}
