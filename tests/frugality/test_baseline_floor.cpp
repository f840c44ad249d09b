// Tests for harness/frugality: the classical floor of each suite and each
// adapter's gain over it, per 1,000 EUR and per kWh, on run folders written
// by hand so every figure is known by hand (docs/frugality.md, issue #15).
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/compare/comparison.hpp"
#include "etalon/frugality/baseline_floor.hpp"
#include "etalon/frugality/classical_baseline.hpp"
#include "support/floor_run_folder.hpp"
#include "support/temp_dir.hpp"

using etalon::frugality::BaselineFloors;
using etalon::frugality::ComputeBaselineFloors;
using etalon::frugality::FloorRow;
using etalon::frugality::IsClassicalBaseline;
using etalon::frugality::ValuePerSpend;
using etalon::testing::CostJson;
using etalon::testing::EnergyPart;
using etalon::testing::EstimatedEnergyPart;
using etalon::testing::FloorRunFolder;
using etalon::testing::TempDir;

namespace {

BaselineFloors FloorsOf(const std::string& folder) {
  return ComputeBaselineFloors(folder, nlohmann::json::parse(etalon::testing::ReadFile(folder + "/summary.json")));
}

const FloorRow& RowOf(const BaselineFloors& floors, const std::string& suite, const std::string& adapter) {
  for (const auto& entry : floors.suites) {
    for (const auto& row : entry.rows) {
      if (entry.suite == suite && row.adapter == adapter) {
        return row;
      }
    }
  }
  FAIL("no row for " << adapter << " on " << suite);
  throw std::logic_error("unreachable");
}

// The engine's own comparison of the same two adapters, as `etalon compare`
// would make it on the run folder.
const etalon::compare::MetricComparison& EngineComparison(const etalon::compare::Comparison& comparison,
                                                          const std::string& first, const std::string& second) {
  for (const auto& entry : comparison.comparisons) {
    if (comparison.offers[entry.first].adapter == first && comparison.offers[entry.second].adapter == second) {
      return entry;
    }
  }
  FAIL("no comparison of " << first << " and " << second);
  throw std::logic_error("unreachable");
}

std::vector<double> RightOn(int right, int total) {
  std::vector<double> values(static_cast<std::size_t>(total), 0.0);
  std::fill(values.begin(), values.begin() + right, 1.0);
  return values;
}

}  // namespace

TEST_CASE("Classical baselines are the builtin kinds and three command presets, unless the plan says otherwise",
          "[frugality]") {
  CHECK(IsClassicalBaseline("builtin:bm25", "", std::nullopt));
  CHECK(IsClassicalBaseline("builtin:regex-extract", "", std::nullopt));
  CHECK(IsClassicalBaseline("command", "tesseract", std::nullopt));
  CHECK(IsClassicalBaseline("command", "apertium", std::nullopt));
  CHECK(IsClassicalBaseline("command", "pocketsphinx", std::nullopt));
  CHECK_FALSE(IsClassicalBaseline("command", "", std::nullopt));
  CHECK_FALSE(IsClassicalBaseline("openai", "", std::nullopt));
  CHECK_FALSE(IsClassicalBaseline("builtin:lead", "", false));
  CHECK(IsClassicalBaseline("command", "", true));
}

TEST_CASE("The floor is the best baseline and each other adapter's gain, CI and value per spend follow from it",
          "[frugality]") {
  // 16 samples, right/wrong. keywords is right on 8 (0.5), lead on 4 of
  // those (0.25), the model on all 16 (1.0). Floor: keywords.
  // model − floor: 8 discordant pairs all for the model, McNemar p = 2/2^8;
  // lead − floor: 4 discordant pairs all for the floor, p = 2/2^4 = 0.125.
  // Holm over the two rows: 2 × 2/256 = 1/64 and max(1/64, 0.125) = 0.125.
  // The model's gain 0.5 has an interval far from 0: significant; lead's is not.
  // Cost: model 0.002 EUR/request (token prices), floor 0.0005 (server
  // time): extra 0.0015 EUR, so 0.5 × 1000 / 0.0015 = 333,333.3 per 1,000 EUR.
  // Energy: the model's measured 0.8 Wh / 16 = 0.05 Wh/request is used, not
  // its estimate; the floor's measured 0.01: extra 0.04 Wh, so
  // 0.5 × 1000 / 0.04 = 12,500 per kWh, measured.
  // lead has no cost (not priced) and only an estimate of energy: 0.32 Wh /
  // 16 = 0.02, extra 0.01 Wh: −0.25 × 1000 / 0.01 = −25,000 per kWh, estimated.
  TempDir dir;
  FloorRunFolder run;
  run.Suite("courrier", "exact", true)
      .Adapter("keywords", "builtin:keywords")
      .Adapter("lead", "builtin:lead")
      .Adapter("model", "openai")
      .Cell("model", "courrier", "exact", 1.0,
            {{"cost", CostJson(0.002, "token-prices")},
             {"energy", {{"measured", EnergyPart(0.8, 16, "rapl")}, {"estimated", EnergyPart(16, 16, "cpu-time-estimate")}}}})
      .Cell("keywords", "courrier", "exact", 0.5,
            {{"cost", CostJson(0.0005, "server-time")}, {"energy", {{"measured", EnergyPart(0.16, 16, "rapl")}, {"estimated", nullptr}}}})
      .Cell("lead", "courrier", "exact", 0.25,
            {{"cost", nullptr}, {"energy", {{"measured", nullptr}, {"estimated", EnergyPart(0.32, 16, "cpu-time-estimate")}}}})
      .Scores("model", "courrier", "exact", RightOn(16, 16))
      .Scores("keywords", "courrier", "exact", RightOn(8, 16))
      .Scores("lead", "courrier", "exact", RightOn(4, 16));
  const auto folder = run.WriteTo(dir, "run");
  const auto floors = FloorsOf(folder);
  REQUIRE(floors.suites.size() == 1);
  const auto& suite = floors.suites[0];
  CHECK(suite.metric == "exact");
  REQUIRE(suite.floor == std::optional<std::string>("keywords"));
  CHECK(suite.floor_value == Approx(0.5));
  REQUIRE(suite.rows.size() == 2);

  etalon::compare::CompareSettings settings;
  settings.seed = 20261128;  // the run's seed, as the floor uses
  const auto engine = etalon::compare::CompareRuns({etalon::compare::LoadCompareRun(folder)}, settings);
  const auto& model_engine = EngineComparison(engine, "model", "keywords");
  REQUIRE(model_engine.result);

  const auto& model = RowOf(floors, "courrier", "model");
  CHECK_FALSE(model.baseline);
  CHECK(model.pairs == 16);
  REQUIRE(model.gain);
  CHECK(*model.gain == Approx(0.5));
  CHECK(model.interval.low == model_engine.result->interval.low);
  CHECK(model.interval.high == model_engine.result->interval.high);
  CHECK(model.interval.low > 0);
  CHECK(model.test == "mcnemar-exact");
  CHECK(model.p_value == Approx(2.0 / 256));
  CHECK(model.holm_p_value == Approx(1.0 / 64));
  CHECK(model.significant);
  CHECK(model.per_thousand_eur.state == ValuePerSpend::State::kValue);
  CHECK(model.per_thousand_eur.extra_per_request == Approx(0.0015));
  CHECK(model.per_thousand_eur.value == Approx(0.5 * 1000 / 0.0015));
  CHECK(model.per_thousand_eur.low == Approx(model.interval.low * 1000 / 0.0015));
  CHECK(model.per_thousand_eur.high == Approx(model.interval.high * 1000 / 0.0015));
  CHECK(model.per_thousand_eur.basis == "token-prices / server-time");
  CHECK_FALSE(model.per_thousand_eur.estimated);
  CHECK(model.per_kwh.state == ValuePerSpend::State::kValue);
  CHECK(model.per_kwh.extra_per_request == Approx(0.04));
  CHECK(model.per_kwh.value == Approx(12500));
  CHECK_FALSE(model.per_kwh.estimated);
  CHECK(model.per_kwh.basis == "rapl");

  // The engine orders offers by first appearance (model, keywords, lead)
  // and gives keywords − lead: the row turns it into lead − keywords.
  const auto& lead_engine = EngineComparison(engine, "keywords", "lead");
  REQUIRE(lead_engine.result);
  const auto& lead = RowOf(floors, "courrier", "lead");
  CHECK(lead.baseline);
  REQUIRE(lead.gain);
  CHECK(*lead.gain == Approx(-0.25));
  CHECK(lead.interval.low == -lead_engine.result->interval.high);
  CHECK(lead.interval.high == -lead_engine.result->interval.low);
  CHECK(lead.p_value == Approx(0.125));
  CHECK(lead.holm_p_value == Approx(0.125));
  CHECK_FALSE(lead.significant);
  CHECK(lead.per_thousand_eur.state == ValuePerSpend::State::kUnpriced);
  CHECK(lead.per_thousand_eur.missing == ValuePerSpend::Missing::kAdapter);
  CHECK(lead.per_kwh.state == ValuePerSpend::State::kValue);
  CHECK(lead.per_kwh.value == Approx(-25000));
  CHECK(lead.per_kwh.estimated);
}

TEST_CASE("A lower-is-better metric picks the lowest baseline; a cheaper better model is dominant", "[frugality]") {
  // wer, 4 samples. Baselines echo 0.4 and lead 0.2: floor lead (lower).
  // model 0.1 everywhere: gain = floor − model = 0.1 (positive: better);
  // every paired difference is the same, so the exact sign-flip p = 2/2^4.
  // echo: gain 0.2 − 0.4 = −0.2, same p. Holm: both 0.25.
  // model costs 0.001 against the floor's 0.002: extra −0.001 with a
  // positive gain: dominant, its token counts estimated. echo costs 0.001
  // too, worse and no dearer: nothing bought. Energy: the floor has none
  // (not priced, missing floor); echo has none (missing adapter).
  TempDir dir;
  FloorRunFolder run;
  run.Suite("transcription", "wer", false)
      .Adapter("echo", "builtin:echo")
      .Adapter("lead", "builtin:lead")
      .Adapter("model", "anthropic")
      .Cell("echo", "transcription", "wer", 0.4, {{"cost", CostJson(0.001, "server-time")}})
      .Cell("lead", "transcription", "wer", 0.2, {{"cost", CostJson(0.002, "server-time")}})
      .Cell("model", "transcription", "wer", 0.1,
            {{"cost", CostJson(0.001, "token-prices", true)},
             {"energy", {{"measured", nullptr}, {"estimated", EnergyPart(0.4, 4, "cpu-time-estimate")}}}})
      .Scores("echo", "transcription", "wer", {0.4, 0.4, 0.4, 0.4})
      .Scores("lead", "transcription", "wer", {0.2, 0.2, 0.2, 0.2})
      .Scores("model", "transcription", "wer", {0.1, 0.1, 0.1, 0.1});
  const auto floors = FloorsOf(run.WriteTo(dir, "run"));
  REQUIRE(floors.suites.size() == 1);
  CHECK_FALSE(floors.suites[0].higher_is_better);
  REQUIRE(floors.suites[0].floor == std::optional<std::string>("lead"));

  const auto& model = RowOf(floors, "transcription", "model");
  REQUIRE(model.gain);
  CHECK(*model.gain == Approx(0.1));
  CHECK(model.interval.low == Approx(0.1));
  CHECK(model.interval.high == Approx(0.1));
  CHECK(model.p_value == Approx(0.125));
  CHECK(model.holm_p_value == Approx(0.25));
  CHECK_FALSE(model.significant);
  CHECK(model.per_thousand_eur.state == ValuePerSpend::State::kDominant);
  CHECK(model.per_thousand_eur.extra_per_request == Approx(-0.001));
  CHECK(model.per_thousand_eur.estimated);
  CHECK(model.per_kwh.state == ValuePerSpend::State::kUnpriced);
  CHECK(model.per_kwh.missing == ValuePerSpend::Missing::kFloor);

  const auto& echo = RowOf(floors, "transcription", "echo");
  REQUIRE(echo.gain);
  CHECK(*echo.gain == Approx(-0.2));
  CHECK(echo.per_thousand_eur.state == ValuePerSpend::State::kNotBetter);
  CHECK(echo.per_kwh.state == ValuePerSpend::State::kUnpriced);
  CHECK(echo.per_kwh.missing == ValuePerSpend::Missing::kAdapter);
}

TEST_CASE("Energy estimates whose ranges overlap give no value per kWh, ranges apart do", "[frugality]") {
  // Floor lead3 0.5 Wh per request, estimated between 0.2 and 1.0; lead1
  // 0.4 (0.1 to 0.9): the ranges overlap, so which spends more is unknown.
  // model 4.0 (3.0 to 5.0) is apart: its extra 3.5 Wh buys gain 0.5, i.e.
  // 0.5 x 1,000 / 3.5 = 142.857 per kWh.
  TempDir dir;
  FloorRunFolder run;
  run.Suite("resume", "rouge", true)
      .Adapter("lead3", "builtin:lead")
      .Adapter("lead1", "builtin:lead")
      .Adapter("model", "openai")
      .Cell("lead3", "resume", "rouge", 0.5, {{"energy", {{"measured", nullptr}, {"estimated", EstimatedEnergyPart(2.0, 0.8, 4.0, 4)}}}})
      .Cell("lead1", "resume", "rouge", 0.25, {{"energy", {{"measured", nullptr}, {"estimated", EstimatedEnergyPart(1.6, 0.4, 3.6, 4)}}}})
      .Cell("model", "resume", "rouge", 1.0, {{"energy", {{"measured", nullptr}, {"estimated", EstimatedEnergyPart(16.0, 12.0, 20.0, 4)}}}})
      .Scores("lead3", "resume", "rouge", {0.5, 0.5, 0.5, 0.5})
      .Scores("lead1", "resume", "rouge", {0.25, 0.25, 0.25, 0.25})
      .Scores("model", "resume", "rouge", {1, 1, 1, 1});
  const auto floors = FloorsOf(run.WriteTo(dir, "run"));
  REQUIRE(floors.suites.at(0).floor == std::optional<std::string>("lead3"));
  const auto& lead1 = RowOf(floors, "resume", "lead1");
  CHECK(lead1.per_kwh.state == ValuePerSpend::State::kWithinUncertainty);
  CHECK(lead1.per_kwh.extra_per_request == Approx(-0.1));
  const auto& model = RowOf(floors, "resume", "model");
  REQUIRE(model.per_kwh.state == ValuePerSpend::State::kValue);
  CHECK(model.per_kwh.value == Approx(142.857).epsilon(1e-4));
}

TEST_CASE("A suite without a classical baseline has no floor, never an invented one", "[frugality]") {
  TempDir dir;
  FloorRunFolder run;
  run.Suite("chat", "exact", true)
      .Adapter("a", "openai")
      .Adapter("b", "mistral")
      .Cell("a", "chat", "exact", 0.5)
      .Cell("b", "chat", "exact", 0.75)
      .Scores("a", "chat", "exact", {1, 0})
      .Scores("b", "chat", "exact", {1, 1});
  const auto floors = FloorsOf(run.WriteTo(dir, "run"));
  REQUIRE(floors.suites.size() == 1);
  CHECK_FALSE(floors.suites[0].floor);
  CHECK(floors.suites[0].rows.empty());
}

TEST_CASE("The plan's baseline flag makes a command adapter the floor and removes a builtin from the candidates",
          "[frugality]") {
  // keywords scores best but is declared not a baseline; the wrapped
  // program (a command without a known preset) is declared one.
  TempDir dir;
  FloorRunFolder run;
  run.Suite("routage", "exact", true)
      .Adapter("wrapped", "command", "", true)
      .Adapter("keywords", "builtin:keywords", "", false)
      .Adapter("model", "openai")
      .Cell("wrapped", "routage", "exact", 0.5)
      .Cell("keywords", "routage", "exact", 1.0)
      .Cell("model", "routage", "exact", 0.75)
      .Scores("wrapped", "routage", "exact", {1, 0, 1, 0})
      .Scores("keywords", "routage", "exact", {1, 1, 1, 1})
      .Scores("model", "routage", "exact", {1, 1, 1, 0});
  const auto floors = FloorsOf(run.WriteTo(dir, "run"));
  REQUIRE(floors.suites[0].floor == std::optional<std::string>("wrapped"));
  CHECK_FALSE(RowOf(floors, "routage", "keywords").baseline);
  CHECK(*RowOf(floors, "routage", "keywords").gain == Approx(0.5));
  CHECK(*RowOf(floors, "routage", "model").gain == Approx(0.25));
}

TEST_CASE("A folder that is not a finished run is refused with the file named", "[frugality]") {
  TempDir dir;
  dir.Write("run/results.jsonl", "");
  const nlohmann::json summary = {{"results", nlohmann::json::array()}, {"suites", nlohmann::json::array()}};
  CHECK_THROWS_WITH(ComputeBaselineFloors(dir.Path("run"), summary), Catch::Contains("run.json: cannot read"));
}
