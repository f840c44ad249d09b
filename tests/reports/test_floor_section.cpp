// Tests for reports/floor_section.cpp: the classical floor section in HTML,
// Markdown and JSON, in French and English, with hostile adapter and suite
// names coming out as text (issue #15).
#include <catch2/catch.hpp>

#include <sstream>

#include "etalon/reports/floor_summary.hpp"
#include "floor_section.hpp"
#include "markup_writer.hpp"
#include "support/floor_run_folder.hpp"
#include "support/temp_dir.hpp"

using etalon::reports::ComputeFloorSection;
using etalon::reports::Language;
using etalon::reports::LoadRunDocuments;
using etalon::testing::CostJson;
using etalon::testing::EnergyPart;
using etalon::testing::FloorRunFolder;
using etalon::testing::TempDir;

namespace {

constexpr const char* kHostileAdapter = "<script>alert(1)</script>";
constexpr const char* kHostileSuite = "s\"><img src=x onerror=alert(2)>|";

// A floor (lead, right on 2 of 4), a hostile-named model right on all 4,
// priced against the floor's server time, and a suite without a baseline.
std::string WriteRun(const TempDir& dir) {
  FloorRunFolder run;
  run.Suite(kHostileSuite, "exact", true)
      .Suite("chat", "exact", true)
      .Adapter("lead", "builtin:lead")
      .Adapter(kHostileAdapter, "openai")
      .Cell("lead", kHostileSuite, "exact", 0.5,
            {{"cost", CostJson(0.001, "server-time")}, {"energy", {{"measured", nullptr}, {"estimated", EnergyPart(0.04, 4, "cpu-time-estimate")}}}})
      .Cell(kHostileAdapter, kHostileSuite, "exact", 1.0,
            {{"cost", CostJson(0.003, "token-prices")}, {"energy", {{"measured", nullptr}, {"estimated", EnergyPart(0.2, 4, "cpu-time-estimate")}}}})
      .Cell(kHostileAdapter, "chat", "exact", 1.0)
      .Scores("lead", kHostileSuite, "exact", {1, 1, 0, 0})
      .Scores(kHostileAdapter, kHostileSuite, "exact", {1, 1, 1, 1})
      .Scores(kHostileAdapter, "chat", "exact", {1, 1});
  return run.WriteTo(dir, "run");
}

std::string Html(const std::string& folder, Language language) {
  std::ostringstream out;
  etalon::reports::MarkupWriter writer(out);
  etalon::reports::WriteFloorHtml(ComputeFloorSection(LoadRunDocuments(folder)), language, writer);
  return out.str();
}

std::string Markdown(const std::string& folder, Language language) {
  std::ostringstream out;
  etalon::reports::WriteFloorMarkdown(ComputeFloorSection(LoadRunDocuments(folder)), language, out);
  return out.str();
}

}  // namespace

TEST_CASE("The floor section escapes hostile adapter and suite names in HTML and Markdown", "[reports][frugality]") {
  TempDir dir;
  const auto folder = WriteRun(dir);
  const auto html = Html(folder, Language::kFrench);
  CHECK_THAT(html, Catch::Contains("<section id=\"floor\""));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;img src=x onerror=alert(2)&gt;"));
  CHECK_THAT(html, !Catch::Contains("<script>"));
  CHECK_THAT(html, !Catch::Contains("<img"));
  const auto markdown = Markdown(folder, Language::kFrench);
  CHECK_THAT(markdown, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(markdown, !Catch::Contains("<script>"));
  CHECK_THAT(markdown, Catch::Contains("onerror=alert(2)&gt;\\|"));
}

TEST_CASE("The floor section speaks French by default and English on request, with every figure's basis",
          "[reports][frugality]") {
  // Gain 1 − 0.5 = 0.5; extra cost 0.002 EUR/request: 0.5 × 1000 / 0.002 =
  // 250,000 per 1,000 EUR; extra energy 0.05 − 0.01 = 0.04 Wh/request
  // (estimated): 0.5 × 1000 / 0.04 = 12,500 per kWh. 2 discordant pairs:
  // McNemar p = 0.5, not significant.
  TempDir dir;
  const auto folder = WriteRun(dir);
  const auto french = Markdown(folder, Language::kFrench);
  CHECK_THAT(french, Catch::Contains("## Plancher classique et valeur par euro et par kWh"));
  CHECK_THAT(french, Catch::Contains("Plancher : lead (exact = 0,500)."));
  CHECK_THAT(french, Catch::Contains("| modèle | 4 | +0,500 ["));
  CHECK_THAT(french, Catch::Contains("| non significatif | +250000 ["));
  CHECK_THAT(french, Catch::Contains("(+0,00200 EUR/requête ; coût mesuré, prix des jetons / temps serveur)"));
  CHECK_THAT(french, Catch::Contains("+12500 ["));
  CHECK_THAT(french, Catch::Contains("(+0,0400 Wh/requête ; énergie estimée, cpu-time-estimate)"));
  CHECK_THAT(french, Catch::Contains("### chat — exact (plus haut est meilleur)\n\nAucune méthode classique dans ce run : pas de plancher."));

  const auto english = Markdown(folder, Language::kEnglish);
  CHECK_THAT(english, Catch::Contains("## Classical floor and value per euro and per kWh"));
  CHECK_THAT(english, Catch::Contains("| model | 4 | +0.500 ["));
  CHECK_THAT(english, Catch::Contains("| not significant | +250000 ["));
  CHECK_THAT(english, Catch::Contains("No classical method in this run: no floor."));
  CHECK_THAT(Html(folder, Language::kEnglish), Catch::Contains(">Classical floor and value per euro and per kWh</h2>"));
}

TEST_CASE("Each suite's floor is added to the summary as data", "[reports][frugality]") {
  TempDir dir;
  const auto folder = WriteRun(dir);
  auto documents = LoadRunDocuments(folder);
  etalon::reports::AddFloorsToSummary(documents);
  const nlohmann::json json = documents.summary;
  const auto& floor = json["suites"][0]["floor"];
  CHECK(floor["floor"] == "lead");
  CHECK(floor["metric"] == "exact");
  REQUIRE(floor["rows"].size() == 1);
  const auto& row = floor["rows"][0];
  CHECK(row["adapter"] == kHostileAdapter);
  CHECK(row["gain"].get<double>() == Approx(0.5));
  CHECK(row["test"] == "mcnemar-exact");
  CHECK(row["p_value"].get<double>() == Approx(0.5));
  CHECK(row["significant"] == false);
  CHECK(row["per_1000_eur"]["state"] == "value");
  CHECK(row["per_1000_eur"]["value"].get<double>() == Approx(250000));
  CHECK(row["per_1000_eur"]["estimated"] == false);
  CHECK(row["per_kwh"]["value"].get<double>() == Approx(12500));
  CHECK(row["per_kwh"]["estimated"] == true);
  CHECK(json["suites"][1]["floor"]["floor"].is_null());
}
