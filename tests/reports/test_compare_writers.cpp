// Tests for reports/compare_json_writer.cpp and compare_markdown_writer.cpp:
// a Comparison built by hand, written as JSON (decimal points whatever the
// locale) and as Markdown in French (decimal commas) and English.
#include <catch2/catch.hpp>

#include <clocale>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/reports/compare_report.hpp"

using etalon::compare::Comparison;
using etalon::compare::MetricComparison;
using etalon::compare::ParetoAxis;
using etalon::compare::SuiteParetoFront;
using etalon::reports::CompareJsonWriter;
using etalon::reports::CompareMarkdownWriter;
using etalon::reports::Language;

namespace {

Comparison HandComparison() {
  Comparison comparison;
  comparison.settings.seed = 42;
  comparison.sources = {"runs/lundi"};
  comparison.offers = {{"precis", 0, "precis"}, {"rapide", 0, "rapide"}, {"bm25", 0, "bm25"}};
  MetricComparison separated;
  separated.suite = "qa";
  separated.metric = "em_fr";
  separated.first = 0;
  separated.second = 1;
  separated.first_only = 2;
  etalon::stats::PairedComparison result;
  result.pairs = 38;
  result.first = 0.9;
  result.second = 0.5;
  result.difference = 0.4;
  result.interval = {0.25, 0.55};
  result.p_value = 0.00003;
  result.test = etalon::stats::PairedTest::kExactMcNemar;
  result.detectable_difference = 0.125;
  separated.result = result;
  separated.holm_p_value = 0.00006;
  MetricComparison close = separated;
  close.first = 1;
  close.second = 2;
  close.first_only = 0;
  close.result->difference = 0.05;
  close.result->p_value = 0.3;
  close.holm_p_value = 0.3;
  MetricComparison none = separated;
  none.second = 2;
  none.result.reset();
  none.holm_p_value.reset();
  none.unavailable = "no common scored sample";
  comparison.comparisons = {separated, close, none};
  SuiteParetoFront front;
  front.suite = "qa";
  front.metric = "em_fr";
  front.axis = ParetoAxis::kCostPerRequest;
  front.points = {{0, 0.9, 0.00031, true}, {1, 0.5, 0.00045, false}};
  front.not_placed = {2};
  comparison.fronts = {front};
  return comparison;
}

}  // namespace

TEST_CASE("Compare JSON keeps decimal points and names every figure", "[reports][compare]") {
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  std::setlocale(LC_ALL, "fr_FR.UTF-8");  // may be absent; decimal points are required either way
  std::ostringstream out;
  CompareJsonWriter().Write(HandComparison(), out);
  std::setlocale(LC_ALL, saved.c_str());
  const auto json = nlohmann::json::parse(out.str());
  CHECK(json["schema"] == 1);
  CHECK(json["settings"]["seed"] == 42);
  CHECK(json["offers"][1]["name"] == "rapide");
  const auto& first = json["comparisons"][0];
  CHECK(first["first"] == "precis");
  CHECK(first["second"] == "rapide");
  CHECK(first["difference"].get<double>() == 0.4);
  CHECK(first["ci"]["low"].get<double>() == 0.25);
  CHECK(first["test"] == "mcnemar-exact");
  CHECK(first["p_holm"].get<double>() == 0.00006);
  CHECK(first["mdd"].get<double>() == 0.125);
  CHECK(first["better"] == "precis");
  CHECK(first["first_only"] == 2);
  CHECK(json["comparisons"][1]["better"].is_null());
  CHECK(json["comparisons"][2]["unavailable"] == "no common scored sample");
  CHECK_FALSE(json["comparisons"][2].contains("p_value"));
  const auto& front = json["pareto"][0];
  CHECK(front["axis"] == "cost_per_request_eur");
  CHECK(front["front"] == nlohmann::json::array({"precis"}));
  CHECK(front["not_placed"] == nlohmann::json::array({"bm25"}));
  CHECK(out.str().find("0,4") == std::string::npos);
}

TEST_CASE("Compare Markdown is French by default, with decimal commas", "[reports][compare]") {
  std::ostringstream out;
  CompareMarkdownWriter(Language::kFrench).Write(HandComparison(), out);
  const auto text = out.str();
  INFO(text);
  CHECK(text.find("# Comparaison des offres") != std::string::npos);
  CHECK(text.find("## Suite `qa` — em_fr (plus haut = meilleur)") != std::string::npos);
  CHECK(text.find("| precis | rapide | 0,9000 / 0,5000 | +0,4000 | [0,2500 ; 0,5500] | < 0,0001 | < 0,0001 | 0,1250 | 38 | 2 / 0 | mcnemar-exact | **precis** meilleure |") !=
        std::string::npos);
  // 0.05 apart with an MDD of 0.125: the suite is too small to tell.
  CHECK(text.find("non séparées (écart < DMD)") != std::string::npos);
  CHECK(text.find("aucun échantillon commun") != std::string::npos);
  CHECK(text.find("### Suite `qa` — em_fr contre coût par requête (€)") != std::string::npos);
  CHECK(text.find("| precis | 0,9000 | 0,000310 | ✅ |") != std::string::npos);
  CHECK(text.find("Front : precis. Non placées (figure absente) : bm25.") != std::string::npos);
  CHECK(text.find("graine 42") != std::string::npos);
  CHECK(text.find("sur les 2 comparaisons") != std::string::npos);
}

TEST_CASE("Compare Markdown in English", "[reports][compare]") {
  std::ostringstream out;
  CompareMarkdownWriter(Language::kEnglish).Write(HandComparison(), out);
  const auto text = out.str();
  INFO(text);
  CHECK(text.find("# Comparison of offers") != std::string::npos);
  CHECK(text.find("| precis | rapide | 0.9000 / 0.5000 | +0.4000 | [0.2500, 0.5500] |") != std::string::npos);
  CHECK(text.find("not separated (gap < MDD)") != std::string::npos);
  CHECK(text.find("Front: precis. Not placed (figure missing): bm25.") != std::string::npos);
}
