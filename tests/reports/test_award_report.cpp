// The award's Markdown (French by default, decimal commas) and JSON
// (decimal points, codes) on the hand-computed three-offer table.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "award/award_fixtures.hpp"
#include "etalon/award/award_sensitivity.hpp"
#include "etalon/reports/award_report.hpp"

using Catch::Contains;
using etalon::award::AnalyseSensitivity;
using etalon::award::AwardTable;
using etalon::award::EvaluateAward;
using etalon::reports::Language;
using etalon::testing::Cell;
using etalon::testing::CriteriaFromYaml;
using etalon::testing::MakeInputs;
using etalon::testing::MakeOffer;

namespace {

// A 80, B and C 70 (tests/award/test_award_evaluation.cpp); D has no price.
AwardTable Table() {
  auto d = MakeOffer("D|base", {{"qa", Cell({{"f1", 0.9}}, std::nullopt)}});
  d.name = "Référence <lead>";
  return EvaluateAward(CriteriaFromYaml("title: Marché test\n"
                                        "criteria:\n"
                                        "  - label: Valeur technique\n    weight: 60\n"
                                        "    measure: {kind: metric, suite: qa, metric: f1}\n"
                                        "    formula: relative_to_best\n"
                                        "  - label: Prix\n    weight: 40\n"
                                        "    measure: {kind: yearly_price, suites: [qa]}\n"
                                        "    formula: lowest_over_candidate\n"),
                       MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.8}}, 10000)}}),
                                   MakeOffer("B", {{"qa", Cell({{"f1", 0.6}}, 8000)}}),
                                   MakeOffer("C", {{"qa", Cell({{"f1", 0.4}}, 5000)}}), d}));
}

etalon::award::SensitivitySettings Settings() {
  etalon::award::SensitivitySettings settings;
  settings.samples = 500;
  settings.seed = 9;
  return settings;
}

}  // namespace

TEST_CASE("The award Markdown is French by default: points with decimal commas, reasons, flip", "[award][reports]") {
  const auto table = Table();
  std::ostringstream out;
  etalon::reports::WriteAwardMarkdown(table, AnalyseSensitivity(table, Settings()), Language::kFrench, out);
  const auto text = out.str();
  CHECK_THAT(text, Contains("# Analyse des offres — Marché test"));
  CHECK_THAT(text, Contains("| **Valeur technique** | 60,00 | 60,00 (0,8000) | 45,00 (0,6000) | 30,00 (0,4000) |"));
  CHECK_THAT(text, Contains("| **Total** | 100,00 | **80,00** | **70,00** | **70,00** |"));
  CHECK_THAT(text, Contains("| **Rang** | | 1 | 2 (ex æquo) | 2 (ex æquo) |"));
  CHECK_THAT(text, Contains("Offre classée première : **A**."));
  CHECK_THAT(text, Contains("- **Référence &lt;lead&gt;** : aucun prix annuel sur qa"));
  CHECK_THAT(text, Contains("Le plus petit changement de pondération qui place C en tête : transférer plus de 10,00 points de « Valeur technique » vers « Prix »."));
  CHECK_THAT(text, Contains("500 tirages de pondérations"));
  CHECK_THAT(text, Contains("(concentration 100, graine 9)"));
}

TEST_CASE("The award Markdown in English", "[award][reports]") {
  const auto table = Table();
  std::ostringstream out;
  etalon::reports::WriteAwardMarkdown(table, AnalyseSensitivity(table, Settings()), Language::kEnglish, out);
  const auto text = out.str();
  CHECK_THAT(text, Contains("| **Total** | 100.00 | **80.00** | **70.00** | **70.00** |"));
  CHECK_THAT(text, Contains("The smallest weight change that puts C first: moving more than 10.00 points from \"Valeur technique\" to \"Prix\"."));
  CHECK_THAT(text, Contains("| D\\|base |"));
}

TEST_CASE("The award JSON keeps codes and decimal points and names the flip", "[award][reports]") {
  const auto table = Table();
  std::ostringstream out;
  etalon::reports::WriteAwardJson(table, AnalyseSensitivity(table, Settings()), out);
  const auto json = nlohmann::json::parse(out.str());
  CHECK(json["schema"] == 1);
  CHECK(json["winner"] == "A");
  REQUIRE(json["offers"].size() == 4);
  CHECK(json["offers"][0]["total"].get<double>() == Approx(80));
  CHECK(json["offers"][0]["criteria"][1]["points"].get<double>() == Approx(20));
  CHECK(json["offers"][3]["eliminated"] == true);
  CHECK(json["offers"][3]["eliminations"][0]["code"] == "figure_missing");
  CHECK(json["offers"][3]["total"].is_null());
  CHECK(json["sensitivity"]["smallest_flip"]["offer"] == "C");
  CHECK(json["sensitivity"]["smallest_flip"]["moved_points"].get<double>() == Approx(10));
  CHECK(json["sensitivity"]["smallest_flip"]["l1_change"].get<double>() == Approx(20));
  CHECK(json["sensitivity"]["seed"] == 9);
}

TEST_CASE("The award HTML page escapes offer names and runs no script", "[award][reports]") {
  const auto table = Table();
  std::ostringstream out;
  etalon::reports::WriteAwardHtml(table, AnalyseSensitivity(table, Settings()), Language::kFrench, out);
  const auto html = out.str();
  CHECK_THAT(html, Contains("<strong>Référence &lt;lead&gt;</strong>"));
  CHECK_THAT(html, Contains("content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\""));
  CHECK_THAT(html, Contains("<td><strong>80,00</strong></td>"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<lead>") == std::string::npos);
}
