// The criteria file loader: the shipped example loads, and each mistake a
// buyer can make is reported with its file, line and field.
#include <catch2/catch.hpp>

#include <filesystem>

#include "etalon/award/award_criteria.hpp"
#include "support/temp_dir.hpp"

using etalon::award::AwardCriteria;
using etalon::award::Formula;
using etalon::award::LoadAwardCriteria;
using etalon::award::MeasureKind;
using etalon::core::Diagnostics;
using etalon::testing::TempDir;

namespace {

std::string Problems(const std::string& yaml) {
  TempDir dir;
  Diagnostics diagnostics;
  const auto criteria = LoadAwardCriteria(dir.Write("c.yaml", yaml), diagnostics);
  CHECK_FALSE(criteria);
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    text += diagnostic.ToString().substr(dir.path().string().size() + 1) + "\n";
  }
  return text;
}

constexpr const char* kLeaf = "    measure: {kind: metric, suite: qa, metric: f1}\n    formula: relative_to_best\n";

}  // namespace

TEST_CASE("The example criteria file in plans/ loads: 60 technical, 30 price, 10 environment", "[award]") {
  Diagnostics diagnostics;
  const auto criteria =
      LoadAwardCriteria((std::filesystem::path(ETALON_SOURCE_DIR) / "plans" / "criteres-attribution.yaml").string(),
                        diagnostics);
  for (const auto& diagnostic : diagnostics) {
    UNSCOPED_INFO(diagnostic.ToString());
  }
  REQUIRE(criteria);
  REQUIRE(criteria->criteria.size() == 3);
  CHECK(criteria->criteria[0].label == "Valeur technique");
  CHECK(criteria->criteria[0].weight == 60);
  CHECK(criteria->criteria[0].children.size() == 3);
  CHECK(criteria->criteria[0].children[2].formula == Formula::kLinear);
  CHECK(criteria->criteria[1].measure.kind == MeasureKind::kYearlyPrice);
  CHECK(criteria->criteria[1].formula == Formula::kLowestOverCandidate);
  CHECK(criteria->criteria[2].weight == 10);
  CHECK(criteria->requirements.eu_hosting);
  CHECK(criteria->requirements.scores.size() == 1);
  CHECK(criteria->sensitivity.samples == 10000);
}

TEST_CASE("An unknown field in a criteria file is refused with its line", "[award]") {
  CHECK(Problems(std::string("criteria:\n  - label: T\n    wieght: 100\n") + kLeaf) ==
        "c.yaml:3: field 'criteria[0].wieght': unknown field (known fields: label, weight, criteria, measure, "
        "formula, floor, ceiling)\n"
        "c.yaml:2: field 'criteria[0].weight': is required (points)\n");
}

TEST_CASE("Weights that do not add up to the parent's, or to total_points, are refused", "[award]") {
  CHECK(Problems("criteria:\n  - label: T\n    weight: 70\n    criteria:\n"
                 "      - label: a\n        weight: 30\n        measure: {kind: error_rate, suite: qa}\n"
                 "        formula: relative_to_best\n"
                 "      - label: b\n        weight: 30\n        measure: {kind: p90_latency, suite: qa}\n"
                 "        formula: relative_to_best\n") ==
        "c.yaml:5: field 'criteria[0].criteria': weights add up to 60, not to the criterion's weight 70\n");
  CHECK(Problems(std::string("criteria:\n  - label: T\n    weight: 90\n") + kLeaf) ==
        "c.yaml:2: field 'criteria': weights add up to 90, not to total_points 100\n");
}

TEST_CASE("The linear formula needs its thresholds, in order, and only it takes them", "[award]") {
  CHECK(Problems("criteria:\n  - label: T\n    weight: 100\n"
                 "    measure: {kind: metric, suite: qa, metric: f1}\n    formula: linear\n    floor: 0.5\n"
                 "    ceiling: 0.2\n") ==
        "c.yaml:7: field 'criteria[0].ceiling': must be above floor (0.2 is not above 0.5)\n");
  CHECK(Problems(std::string("criteria:\n  - label: T\n    weight: 100\n    floor: 0.1\n") + kLeaf) ==
        "c.yaml:4: field 'criteria[0].floor': applies to the linear formula only\n");
}

TEST_CASE("A measure names a known kind, one suite unless yearly, and a metric for scores only", "[award]") {
  CHECK(Problems("criteria:\n  - label: T\n    weight: 100\n"
                 "    measure: {kind: speed, suite: qa}\n    formula: relative_to_best\n") ==
        "c.yaml:4: field 'criteria[0].measure.kind': unknown measure 'speed' (known: metric, yearly_price, "
        "energy_per_request, carbon_per_request, carbon_per_year, p90_latency, error_rate)\n");
  CHECK(Problems("criteria:\n  - label: T\n    weight: 100\n"
                 "    measure: {kind: p90_latency, suites: [a, b], metric: f1}\n    formula: relative_to_best\n") ==
        "c.yaml:4: field 'criteria[0].measure.suites': only yearly figures (yearly_price, carbon_per_year) are "
        "summed over several suites\n"
        "c.yaml:4: field 'criteria[0].measure.metric': applies to kind: metric only\n");
}

TEST_CASE("Declared offers, requirements and sensitivity settings are read and checked", "[award]") {
  TempDir dir;
  Diagnostics diagnostics;
  const auto criteria = LoadAwardCriteria(
      dir.Write("c.yaml", std::string("criteria:\n  - label: T\n    weight: 100\n") + kLeaf +
                              "offers:\n  - adapter: lead3\n    name: Référence\n    yearly_price_eur: 1200\n"
                              "    eu_hosting: true\n    licence: MIT\n"
                              "sensitivity: {concentration: 50, samples: 200, seed: 7}\n"),
      diagnostics);
  REQUIRE(criteria);
  REQUIRE(criteria->offers.size() == 1);
  CHECK(criteria->offers[0].name == "Référence");
  CHECK(*criteria->offers[0].yearly_price_eur == 1200);
  CHECK(*criteria->offers[0].licence == "MIT");
  CHECK(criteria->sensitivity.concentration == 50);
  CHECK(criteria->sensitivity.samples == 200);
  CHECK(criteria->sensitivity.seed == 7);

  CHECK(Problems(std::string("criteria:\n  - label: T\n    weight: 100\n") + kLeaf +
                 "offers:\n  - {adapter: a}\n  - {adapter: a}\nrequirements:\n  scores:\n    - {suite: qa, metric: f1}\n") ==
        "c.yaml:11: field 'requirements.scores[0]': requires nothing: give min or max\n"
        "c.yaml:8: field 'offers[1].adapter': 'a' is already an offer (line 7)\n");
}
