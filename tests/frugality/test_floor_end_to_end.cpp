// The classical floor in real run reports (issue #15): the demo plan's
// summary and translation suites, whose floors are lead3 and apertium; and
// plans/offers-simulated.yaml, where the precise simulated offer beats the
// BM25 baseline significantly and its gain per 1,000 EUR follows from the
// run's own costs.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulated_offers.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::SimulatedOffers;
using etalon::testing::TempDir;

namespace {

const nlohmann::json& FloorOf(const nlohmann::json& summary, const std::string& suite) {
  for (const auto& entry : summary["suites"]) {
    if (entry["id"] == suite) {
      return entry["floor"];
    }
  }
  FAIL("no suite " << suite);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("The demo report shows the classical floor and the value cells", "[cli][integration][frugality]") {
  TempDir dir;
  const auto out = dir.Path("demo");
  const auto ran = RunEtalon({"run", std::string(ETALON_SOURCE_DIR) + "/plans/demo.yaml", "--out", out, "--quiet",
                              "--limit", "12", "--suites", "resume-administratif,traduction-accueil-fr-es"});
  INFO(ran.err);
  REQUIRE(ran.exit_code == 0);
  const auto markdown = ReadFile(out + "/report.md");
  const auto html = ReadFile(out + "/report.html");
  CHECK_THAT(markdown, Catch::Contains("## Plancher classique et valeur par euro et par kWh"));
  CHECK_THAT(markdown, Catch::Contains("Plancher : lead3 ("));
  CHECK_THAT(markdown, Catch::Contains("Plancher : apertium ("));
  // The other baseline of each suite against its floor; builtins and local
  // programs have no price, and their energy is an estimate.
  CHECK_THAT(markdown, Catch::Contains("| lead1 | méthode classique | 12 |"));
  CHECK_THAT(markdown, Catch::Contains("| copy-source | méthode classique |"));
  CHECK_THAT(markdown, Catch::Contains("non chiffré : l'adaptateur n'a pas de coût"));
  CHECK_THAT(markdown, Catch::Contains("énergie estimée"));
  CHECK_THAT(html, Catch::Contains("<h2 id=\"floor-heading\">Plancher classique et valeur par euro et par kWh</h2>"));
  CHECK_THAT(html, Catch::Contains("Plancher : lead3 ("));
  CHECK_THAT(html, Catch::Contains("Plancher : apertium ("));
  // The section comes before the per-suite details.
  CHECK(html.find("id=\"floor\"") < html.find("id=\"summary\""));
  CHECK(markdown.find("## Plancher classique") < markdown.find("## Résultats par suite"));
}

TEST_CASE("A simulated offer's significant gain over the BM25 floor, per 1,000 EUR and per kWh",
          "[cli][integration][frugality][simulator]") {
  TempDir dir;
  const SimulatedOffers offers(dir);
  const auto run = dir.Path("offres");
  const auto ran = RunEtalon({"run", offers.plan(), "--out", run, "--limit", "40", "-q"},
                             etalon::testing::LoopbackEnvironment());
  INFO(ran.err);
  REQUIRE(ran.exit_code == 0);
  // The run writes each suite's floor into summary.json; the JSON report copies it unchanged.
  const auto summary = nlohmann::json::parse(ReadFile(run + "/summary.json"));
  const auto reported = RunEtalon({"report", run, "--format", "json", "--out", dir.Path("json"), "--lang", "en"});
  INFO(reported.err);
  REQUIRE(reported.exit_code == 0);
  CHECK(ReadFile(dir.Path("json/summary.json")) == ReadFile(run + "/summary.json"));
  const auto& floor = FloorOf(summary, "qa-demarches");
  CHECK(floor["floor"] == "bm25-extract");
  const nlohmann::json* precise = nullptr;
  for (const auto& row : floor["rows"]) {
    if (row["adapter"] == "precis") precise = &row;
  }
  REQUIRE(precise != nullptr);
  const auto& row = *precise;
  CHECK(row["baseline"] == false);
  CHECK(row["pairs"] == 40);
  CHECK(row["gain"].get<double>() > 0);
  CHECK(row["ci95"]["low"].get<double>() > 0);
  CHECK(row["holm_p_value"].get<double>() < 0.05);
  CHECK(row["significant"] == true);
  // Both are priced (token prices; the baseline's stated server time): the
  // value is the gain over the extra cost, scaled to 1,000 EUR.
  const auto& euro = row["per_1000_eur"];
  REQUIRE(euro["state"] == "value");
  const double extra = euro["extra_eur_per_request"].get<double>();
  CHECK(euro["value"].get<double>() == Approx(row["gain"].get<double>() * 1000 / extra));
  CHECK(euro["low"].get<double>() == Approx(row["ci95"]["low"].get<double>() * 1000 / extra));
  CHECK(euro["basis"] == "token-prices / server-time");
  CHECK(row["per_kwh"]["state"] != "no-gain");

  const auto markdown = ReadFile(run + "/report.md");
  CHECK_THAT(markdown, Catch::Contains("Plancher : bm25-extract ("));
  CHECK_THAT(markdown, Catch::Contains("| precis | modèle | 40 | +"));
  CHECK_THAT(markdown, Catch::Contains("| significatif |"));
}
