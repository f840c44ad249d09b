// `etalon award` end to end on summary.json files written by the test: two
// runs joined by adapter, catalog facts (hosting, licence) for API models,
// declared offers, the Markdown on standard output and the JSON file, and
// the input errors (exit code 2).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using Catch::Contains;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::TempDir;

namespace {

nlohmann::json Row(const std::string& adapter, const std::string& suite, const std::string& metric, double value,
                   std::optional<double> per_year_eur) {
  return {{"adapter", adapter},
          {"suite", suite},
          {"error_rate", 0.0},
          {"metrics", {{metric, {{"value", value}}}}},
          {"cost", per_year_eur ? nlohmann::json{{"per_year_eur", *per_year_eur}} : nlohmann::json(nullptr)}};
}

// A finished run's summary.json with the given rows; adapters as a plan resolves them.
std::string WriteRun(const TempDir& dir, const std::string& name, const nlohmann::json& rows) {
  const nlohmann::json adapters = {
      {{"id", "albert"}, {"kind", "openai"}, {"preset", "albert"}, {"model", "openweight-large"}},
      {{"id", "gpt"}, {"kind", "openai"}, {"preset", "openai"}, {"model", "gpt-5.4-mini"}},
      {{"id", "lead3"}, {"kind", "builtin:lead"}, {"preset", ""}, {"model", ""}}};
  const nlohmann::json summary = {
      {"schema", 1},
      {"run", {{"plan", name}, {"status", "complete"}}},
      {"plan", {{"resolved", {{"adapters", adapters}}}}},
      {"suites",
       {{{"id", "qa"}, {"metrics", {{{"name", "f1_fr"}, {"higher_is_better", true}}}}},
        {{"id", "sum"}, {"metrics", {{{"name", "rougeL"}, {"higher_is_better", true}}}}}}},
      {"results", rows}};
  dir.Write(name + "/summary.json", summary.dump(2));
  return dir.Path(name);
}

constexpr const char* kCriteria =
    "title: Essai\n"
    "requirements:\n  eu_hosting: true\n"
    "criteria:\n"
    "  - label: Valeur technique\n    weight: 70\n    criteria:\n"
    "      - label: Questions\n        weight: 50\n"
    "        measure: {kind: metric, suite: qa, metric: f1_fr}\n        formula: relative_to_best\n"
    "      - label: Résumés\n        weight: 20\n"
    "        measure: {kind: metric, suite: sum, metric: rougeL}\n        formula: relative_to_best\n"
    "  - label: Prix\n    weight: 30\n"
    "    measure: {kind: yearly_price, suites: [qa, sum]}\n    formula: lowest_over_candidate\n"
    "sensitivity: {samples: 300, seed: 4}\n";

struct AwardProject {
  TempDir dir;
  std::string run_qa;
  std::string run_sum;

  AwardProject() {
    run_qa = WriteRun(dir, "run-qa",
                      {Row("albert", "qa", "f1_fr", 0.6, 1000), Row("gpt", "qa", "f1_fr", 0.7, 800),
                       Row("lead3", "qa", "f1_fr", 0.3, std::nullopt)});
    run_sum = WriteRun(dir, "run-sum", {Row("albert", "sum", "rougeL", 0.3, 500),
                                        Row("lead3", "sum", "rougeL", 0.2, std::nullopt)});
  }
};

}  // namespace

TEST_CASE("etalon award joins two runs, eliminates with reasons and ranks what is left", "[cli][award]") {
  AwardProject project;
  const auto criteria = project.dir.Write("criteria.yaml", kCriteria);
  const auto json_path = project.dir.Path("award.json");
  const auto result = RunEtalon({"award", project.run_qa, project.run_sum, "--criteria", criteria, "--json", json_path});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // albert alone competes: gpt's hosting is unknown to the catalog, lead3 has no price.
  CHECK_THAT(result.out, Contains("| **Total** | 100,00 | **100,00** |"));
  CHECK_THAT(result.out, Contains("hébergement dans l'Union européenne non établi"));
  CHECK_THAT(result.out, Contains("pas évaluée sur la suite sum"));
  CHECK_THAT(result.out, Contains("aucun prix annuel sur qa"));
  CHECK_THAT(result.err, Contains("award: 3 offers, 1 in competition, first: albert"));
  const auto json = nlohmann::json::parse(ReadFile(json_path));
  CHECK(json["winner"] == "albert");
  const auto& albert = json["offers"][0];
  CHECK(albert["catalog_entry"] == "albert/openai/gpt-oss-120b");
  CHECK(albert["licence"] == "Apache-2.0");
  CHECK(albert["eu_hosting_basis"] == "catalog");
  CHECK(albert["runs_by_suite"]["sum"] == project.run_sum);
  CHECK(albert["criteria"][3]["figure"].get<double>() == 1500);  // 1,000 + 500 EUR a year
  CHECK(json["offers"][2]["eu_hosting_basis"] == "buyer-hosted");
}

TEST_CASE("etalon award scores a baseline whose offer declares its yearly price", "[cli][award]") {
  // Offers: albert, and lead3 with a declared 500 EUR a year.
  // Questions: albert 50, lead3 50 x 0.3 / 0.6 = 25. Résumés: albert 20, lead3 20 x 0.2 / 0.3 = 13.33.
  // Price: albert 30 x 500 / 1,500 = 10, lead3 30. Totals: albert 80, lead3 68.33.
  AwardProject project;
  const auto criteria = project.dir.Write(
      "criteria.yaml", std::string(kCriteria) +
                           "offers:\n  - {adapter: albert, name: Offre Albert}\n"
                           "  - {adapter: lead3, name: Référence, yearly_price_eur: 500}\n");
  const auto json_path = project.dir.Path("award.json");
  const auto md_path = project.dir.Path("award.md");
  const auto result = RunEtalon({"award", project.run_qa, project.run_sum, "--criteria", criteria, "--json", json_path,
                                 "--markdown", md_path, "--lang", "en"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.empty());
  const auto markdown = ReadFile(md_path);
  CHECK_THAT(markdown, Contains("| **Total** | 100.00 | **80.00** | **68.33** |"));
  CHECK_THAT(markdown, Contains("Offer ranked first: **Offre Albert**."));
  const auto json = nlohmann::json::parse(ReadFile(json_path));
  REQUIRE(json["offers"].size() == 2);
  CHECK(json["offers"][1]["name"] == "Référence");
  CHECK(json["offers"][1]["total"].get<double>() == Approx(50 * 0.5 + 20 * 0.2 / 0.3 + 30));
  CHECK(json["offers"][1]["declared_yearly_price_eur"] == 500);
}

TEST_CASE("etalon award refuses bad input with exit code 2 and says where", "[cli][award]") {
  AwardProject project;
  const auto criteria = project.dir.Write("criteria.yaml", kCriteria);
  SECTION("a criteria file with an unknown field") {
    const auto bad = project.dir.Write("bad.yaml", "criteria:\n  - label: T\n    weight: 100\n    formule: x\n");
    const auto result = RunEtalon({"award", project.run_qa, "--criteria", bad});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("bad.yaml:4: field 'criteria[0].formule': unknown field"));
  }
  SECTION("the same cell in two runs") {
    const auto result = RunEtalon({"award", project.run_qa, project.run_qa, "--criteria", criteria});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("adapter 'albert' ran suite 'qa' in two runs"));
  }
  SECTION("a declared offer no run has") {
    const auto with_offer = project.dir.Write("offer.yaml", std::string(kCriteria) + "offers:\n  - adapter: nobody\n");
    const auto result = RunEtalon({"award", project.run_qa, "--criteria", with_offer});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("offer.yaml:22: field 'offers[0].adapter': 'nobody' is in none of the runs given"));
  }
  SECTION("a run folder without a summary") {
    const auto result = RunEtalon({"award", project.dir.Path("missing"), "--criteria", criteria});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("cannot read"));
  }
  SECTION("no criteria") {
    CHECK(RunEtalon({"award", project.run_qa}).exit_code == 2);
  }
}

TEST_CASE("etalon validate checks award criteria files, the shipped example included", "[cli][award]") {
  const std::string example = std::string(ETALON_SOURCE_DIR) + "/plans/criteres-attribution.yaml";
  const auto good = RunEtalon({"validate", example});
  INFO(good.err);
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.out, Contains("ok: " + example));
  TempDir dir;
  const auto bad = dir.Write("criteres.yaml", "criteria:\n  - label: Prix\n    weight: 100\n"
                                              "    measure: {kind: yearly_price, suites: [qa]}\n    formula: lowest\n");
  const auto result = RunEtalon({"validate", bad});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("criteres.yaml:5: field 'criteria[0].formula': unknown formula 'lowest'"));
}
