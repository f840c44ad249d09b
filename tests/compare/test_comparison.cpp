// Tests for harness/compare: run folders written by hand (summary.json,
// run.json, results.jsonl), so every figure is checked against a hand count.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/compare/comparison.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "support/sample_with_references.hpp"
#include "support/temp_dir.hpp"

using etalon::compare::CompareInputError;
using etalon::compare::CompareRun;
using etalon::compare::CompareRuns;
using etalon::compare::CompareSettings;
using etalon::compare::Comparison;
using etalon::compare::LoadCompareRun;
using etalon::compare::MetricComparison;
using etalon::compare::ParetoAxis;
using etalon::testing::TempDir;

namespace {

using Json = nlohmann::json;

// A finished run folder, written by hand.
class RunFolder {
 public:
  RunFolder() {
    summary_ = {{"schema", 1}, {"run", {{"seed", 5}, {"status", "complete"}}}, {"suites", Json::array()},
                {"results", Json::array()}};
    record_ = {{"components", {{"suites", Json::object()}}}};
  }

  // metrics: name -> (higher_is_better, corpus)
  RunFolder& Suite(const std::string& id, const std::vector<std::tuple<std::string, bool, bool>>& metrics,
                   const std::string& sha256 = "abc") {
    Json list = Json::array();
    Json written = Json::array();
    for (const auto& [name, higher, corpus] : metrics) {
      list.push_back({{"name", name}, {"higher_is_better", higher}, {"aggregation", corpus ? "corpus" : "mean"}});
      written.push_back(name);
    }
    summary_["suites"].push_back({{"id", id}, {"dataset", {{"sha256", sha256}}}, {"metrics", list}});
    record_["components"]["suites"][id] = {{"id", id}, {"metrics", written}};
    return *this;
  }

  RunFolder& Cell(const std::string& adapter, const std::string& suite, const Json& metrics, const Json& extra = {}) {
    Json cell = {{"adapter", adapter}, {"suite", suite}, {"metrics", metrics}};
    if (extra.is_object()) {
      cell.update(extra);
    }
    summary_["results"].push_back(cell);
    return *this;
  }

  RunFolder& Result(const std::string& adapter, const std::string& suite, const std::string& sample, const Json& scores,
                    bool ok = true) {
    Json line = {{"adapter", adapter}, {"suite", suite}, {"sample", sample}, {"repeat", 0},
                 {"error", ok ? Json(nullptr) : Json{{"kind", "timeout"}}}, {"scores", ok ? scores : Json::object()}};
    results_ += line.dump() + "\n";
    return *this;
  }

  // A line as given, e.g. one cut short.
  RunFolder& RawLine(const std::string& text) {
    results_ += text + "\n";
    return *this;
  }

  std::string WriteTo(const TempDir& dir, const std::string& folder) const {
    dir.Write(folder + "/summary.json", summary_.dump());
    dir.Write(folder + "/run.json", record_.dump());
    dir.Write(folder + "/results.jsonl", results_);
    return dir.Path(folder);
  }

 private:
  Json summary_;
  Json record_;
  std::string results_;
};

Comparison Compare(const std::vector<std::string>& folders, std::uint64_t seed = 1) {
  std::vector<CompareRun> runs;
  for (const auto& folder : folders) {
    runs.push_back(LoadCompareRun(folder));
  }
  CompareSettings settings;
  settings.seed = seed;
  return CompareRuns(runs, settings);
}

const MetricComparison& Find(const Comparison& comparison, const std::string& metric, const std::string& first,
                             const std::string& second) {
  for (const auto& entry : comparison.comparisons) {
    if (entry.metric == metric && comparison.offers[entry.first].name == first &&
        comparison.offers[entry.second].name == second) {
      return entry;
    }
  }
  FAIL("no comparison of " << metric << " between " << first << " and " << second);
  throw std::logic_error("unreachable");
}

Json Score(double value) { return {{"value", value}}; }

}  // namespace

TEST_CASE("Offers are compared on their common samples with McNemar and Holm", "[compare]") {
  // 12 samples. a is right on s2..s11, b on s2 and s3 only, and b's request
  // for s11 failed: 11 common samples, one scored for a alone. On s0..s10,
  // a is right 9 times, b twice, b never alone: 7 discordant pairs all for
  // a, McNemar p = 2 / 2^7 = 1/64; difference 9/11 - 2/11 = 7/11.
  // f1_fr is 0.5 everywhere for both: every difference is 0, p = 1.
  // Holm over the two: 1/64 · 2 = 1/32, then max(1/32, 1 · 1) = 1.
  TempDir dir;
  RunFolder run;
  run.Suite("s", {{"em_fr", true, false}, {"f1_fr", true, false}});
  run.Cell("a", "s", {{"em_fr", Score(10.0 / 12)}, {"f1_fr", Score(0.5)}});
  run.Cell("b", "s", {{"em_fr", Score(2.0 / 11)}, {"f1_fr", Score(0.5)}});
  for (int i = 0; i < 12; ++i) {
    const auto sample = "s" + std::to_string(i);
    run.Result("a", "s", sample, {{"em_fr", Score(i >= 2 ? 1 : 0)}, {"f1_fr", Score(0.5)}});
    run.Result("b", "s", sample, {{"em_fr", Score(i == 2 || i == 3 ? 1 : 0)}, {"f1_fr", Score(0.5)}}, i != 11);
  }
  const auto comparison = Compare({run.WriteTo(dir, "run")});
  REQUIRE(comparison.offers.size() == 2);
  CHECK(comparison.offers[0].name == "a");
  REQUIRE(comparison.comparisons.size() == 2);
  const auto& em = Find(comparison, "em_fr", "a", "b");
  REQUIRE(em.result);
  CHECK(em.result->pairs == 11);
  CHECK(em.first_only == 1);
  CHECK(em.second_only == 0);
  CHECK(em.result->difference == Approx(7.0 / 11));
  CHECK(em.result->test == etalon::stats::PairedTest::kExactMcNemar);
  CHECK(em.result->p_value == Approx(1.0 / 64));
  CHECK(*em.holm_p_value == Approx(1.0 / 32));
  CHECK(etalon::compare::BetterOffer(em, 0.05) == 0u);
  const auto& f1 = Find(comparison, "f1_fr", "a", "b");
  CHECK(f1.result->p_value == 1);
  CHECK(*f1.holm_p_value == 1);
  CHECK_FALSE(etalon::compare::BetterOffer(f1, 0.05));
}

TEST_CASE("A lower-is-better metric names the offer with the smaller figure", "[compare]") {
  // wer: a 0.1 everywhere, b 0.4: difference a - b = -0.3 over 20 samples,
  // every sign flip but the observed one and its mirror is less extreme.
  TempDir dir;
  RunFolder run;
  run.Suite("t", {{"wer", false, false}});
  run.Cell("a", "t", {{"wer", Score(0.1)}});
  run.Cell("b", "t", {{"wer", Score(0.4)}});
  for (int i = 0; i < 20; ++i) {
    run.Result("a", "t", "x" + std::to_string(i), {{"wer", Score(0.1 + 0.001 * i)}});
    run.Result("b", "t", "x" + std::to_string(i), {{"wer", Score(0.4 + 0.002 * i)}});
  }
  const auto comparison = Compare({run.WriteTo(dir, "run")});
  const auto& wer = Find(comparison, "wer", "a", "b");
  CHECK(wer.result->difference < 0);
  CHECK(wer.result->test == etalon::stats::PairedTest::kSignFlipResampled);
  CHECK(wer.result->p_value < 0.001);
  CHECK(etalon::compare::BetterOffer(wer, 0.05) == 0u);
}

TEST_CASE("Corpus metrics are compared through their own corpus formula", "[compare][corpus]") {
  // chrF of 6 segments: a copies every reference, b only the first three.
  // The figures must be chrF's corpus score of each offer's summed statistics.
  auto made = etalon::metrics::MakeMetrics({"chrf", Json::object()});
  const auto& chrf = *std::get<std::vector<std::unique_ptr<etalon::metrics::Metric>>>(made).front();
  TempDir dir;
  RunFolder run;
  run.Suite("tr", {{chrf.Info().name, true, true}});
  run.Cell("a", "tr", {{chrf.Info().name, Score(100)}});
  run.Cell("b", "tr", {{chrf.Info().name, Score(50)}});
  std::vector<double> first_sum;
  std::vector<double> second_sum;
  for (int i = 0; i < 6; ++i) {
    const std::string reference = "le guichet ouvre à " + std::to_string(8 + i) + " heures le mardi";
    const auto sample = etalon::testing::SampleWithReferences({reference});
    const auto first = chrf.Score(reference, sample);
    const auto second = chrf.Score(i < 3 ? reference : "service fermé pour travaux", sample);
    first_sum.resize(first.statistics.size(), 0.0);
    second_sum.resize(second.statistics.size(), 0.0);
    for (std::size_t j = 0; j < first.statistics.size(); ++j) {
      first_sum[j] += first.statistics[j];
      second_sum[j] += second.statistics[j];
    }
    run.Result("a", "tr", "p" + std::to_string(i),
               {{chrf.Info().name, {{"value", first.value}, {"statistics", first.statistics}}}});
    run.Result("b", "tr", "p" + std::to_string(i),
               {{chrf.Info().name, {{"value", second.value}, {"statistics", second.statistics}}}});
  }
  const auto comparison = Compare({run.WriteTo(dir, "run")});
  const auto& entry = Find(comparison, chrf.Info().name, "a", "b");
  REQUIRE(entry.result);
  CHECK(entry.corpus);
  CHECK(entry.result->test == etalon::stats::PairedTest::kSegmentPermutation);
  CHECK(entry.result->first == Approx(chrf.CorpusScore(first_sum)));
  CHECK(entry.result->second == Approx(chrf.CorpusScore(second_sum)));
  CHECK(entry.result->difference > 0);
  CHECK(entry.result->interval.low <= entry.result->difference);
  CHECK(entry.result->interval.high >= entry.result->difference);
}

TEST_CASE("Offers are named by adapter, prefixed by their run only when ids clash", "[compare]") {
  // lundi has a and b, mardi has a only (b missing there): three offers;
  // the comparisons still cover every pair present on the suite.
  TempDir dir;
  RunFolder monday;
  monday.Suite("s", {{"em_fr", true, false}});
  monday.Cell("a", "s", {{"em_fr", Score(1)}}).Cell("b", "s", {{"em_fr", Score(0)}});
  monday.Result("a", "s", "q", {{"em_fr", Score(1)}}).Result("b", "s", "q", {{"em_fr", Score(0)}});
  RunFolder tuesday;
  tuesday.Suite("s", {{"em_fr", true, false}});
  tuesday.Cell("a", "s", {{"em_fr", Score(1)}});
  tuesday.Result("a", "s", "q", {{"em_fr", Score(1)}});
  const auto comparison = Compare({monday.WriteTo(dir, "lundi"), tuesday.WriteTo(dir, "mardi")});
  REQUIRE(comparison.offers.size() == 3);
  CHECK(comparison.offers[0].name == "lundi/a");
  CHECK(comparison.offers[1].name == "b");
  CHECK(comparison.offers[2].name == "mardi/a");
  CHECK(comparison.comparisons.size() == 3);
  // One common sample: a difference with a zero-width interval and no MDD.
  const auto& single = Find(comparison, "em_fr", "lundi/a", "b");
  CHECK(single.result->pairs == 1);
  CHECK(single.result->interval.low == single.result->interval.high);
  CHECK_FALSE(single.result->detectable_difference);

  // Two folders of the same name: the offers are told apart by the path given.
  const auto first = monday.WriteTo(dir, "x/run");
  const auto second = tuesday.WriteTo(dir, "y/run");
  const auto clash = Compare({first, second});
  CHECK(clash.offers[0].name == first + "/a");
  CHECK(clash.offers[2].name == second + "/a");
}

TEST_CASE("Offers with no scored sample in common get no comparison, said so", "[compare]") {
  TempDir dir;
  RunFolder run;
  run.Suite("s", {{"em_fr", true, false}});
  run.Cell("a", "s", {{"em_fr", Score(1)}}).Cell("b", "s", {{"em_fr", Score(1)}});
  run.Result("a", "s", "q1", {{"em_fr", Score(1)}}).Result("b", "s", "q2", {{"em_fr", Score(1)}});
  const auto comparison = Compare({run.WriteTo(dir, "run")});
  const auto& entry = Find(comparison, "em_fr", "a", "b");
  CHECK_FALSE(entry.result);
  CHECK(entry.unavailable == "no common scored sample");
  CHECK(entry.first_only == 1);
  CHECK(entry.second_only == 1);
  CHECK_FALSE(entry.holm_p_value);
}

TEST_CASE("A comparison is reproducible for a seed", "[compare]") {
  TempDir dir;
  RunFolder run;
  run.Suite("s", {{"f1_fr", true, false}});
  run.Cell("a", "s", {{"f1_fr", Score(0.5)}}).Cell("b", "s", {{"f1_fr", Score(0.4)}});
  for (int i = 0; i < 30; ++i) {
    run.Result("a", "s", "q" + std::to_string(i), {{"f1_fr", Score(std::fmod(i * 0.37, 1.0))}});
    run.Result("b", "s", "q" + std::to_string(i), {{"f1_fr", Score(std::fmod(i * 0.53, 1.0))}});
  }
  const auto folder = run.WriteTo(dir, "run");
  const auto first = Find(Compare({folder}, 9), "f1_fr", "a", "b").result;
  const auto again = Find(Compare({folder}, 9), "f1_fr", "a", "b").result;
  const auto other = Find(Compare({folder}, 10), "f1_fr", "a", "b").result;
  CHECK(first->interval.low == again->interval.low);
  CHECK(first->interval.high == again->interval.high);
  CHECK(first->p_value == again->p_value);
  CHECK((first->interval.low != other->interval.low || first->interval.high != other->interval.high));
}

TEST_CASE("Pareto fronts of quality against cost, energy and latency", "[compare][pareto]") {
  // good: quality 0.9, cost 3, 50 J, 400 ms; cheap: 0.6, cost 1, 10 J,
  // 100 ms; poor: 0.5, cost 2, 20 J, no latency figure. poor is beaten by
  // cheap on cost and energy; it has no latency, so it is not placed there.
  TempDir dir;
  RunFolder run;
  run.Suite("s", {{"em_fr", true, false}});
  const auto cell = [](double cost, double joules, const Json& p50) {
    return Json{{"cost", {{"per_request_eur", cost}}},
                {"energy", {{"measured", nullptr}, {"estimated", {{"joules", joules * 4}, {"requests", 4}}}}},
                {"latency_ms", {{"end_to_end", p50.is_null() ? Json(nullptr) : Json{{"p50", p50}}}}}};
  };
  run.Cell("good", "s", {{"em_fr", Score(0.9)}}, cell(3, 50, 400));
  run.Cell("cheap", "s", {{"em_fr", Score(0.6)}}, cell(1, 10, 100));
  run.Cell("poor", "s", {{"em_fr", Score(0.5)}}, cell(2, 20, nullptr));
  const auto comparison = Compare({run.WriteTo(dir, "run")});
  REQUIRE(comparison.fronts.size() == 3);
  const auto on_front = [&](std::size_t front) {
    std::vector<std::string> names;
    for (const auto& point : comparison.fronts[front].points) {
      if (point.on_front) {
        names.push_back(comparison.offers[point.offer].name);
      }
    }
    return names;
  };
  CHECK(comparison.fronts[0].axis == ParetoAxis::kCostPerRequest);
  CHECK(on_front(0) == std::vector<std::string>{"good", "cheap"});
  CHECK(comparison.fronts[1].axis == ParetoAxis::kEnergyPerRequest);
  CHECK(comparison.fronts[1].points[1].expense == Approx(10));
  CHECK(on_front(1) == std::vector<std::string>{"good", "cheap"});
  CHECK(comparison.fronts[2].axis == ParetoAxis::kLatencyP50);
  CHECK(on_front(2) == std::vector<std::string>{"good", "cheap"});
  REQUIRE(comparison.fronts[2].not_placed.size() == 1);
  CHECK(comparison.offers[comparison.fronts[2].not_placed[0]].name == "poor");
}

TEST_CASE("Runs that cannot be compared are refused, naming file and field", "[compare][errors]") {
  TempDir dir;
  RunFolder run;
  run.Suite("s", {{"em_fr", true, false}});
  run.Cell("a", "s", {{"em_fr", Score(1)}});
  run.Result("a", "s", "q", {{"em_fr", Score(1)}});
  const auto alone = run.WriteTo(dir, "alone");
  CHECK_THROWS_WITH(Compare({alone}), Catch::Contains("at least two offers"));
  CHECK_THROWS_WITH(Compare({alone, alone}), Catch::Contains("given twice"));

  RunFolder other;
  other.Suite("s", {{"em_fr", true, false}}, "def");
  other.Cell("b", "s", {{"em_fr", Score(1)}});
  const auto changed = other.WriteTo(dir, "changed");
  CHECK_THROWS_WITH(Compare({alone, changed}), Catch::Contains("suites[0].dataset.sha256"));

  dir.Write("broken/summary.json", R"({"run": {}, "suites": [], "results": [{"adapter": 3}]})");
  CHECK_THROWS_WITH(LoadCompareRun(dir.Path("broken")), Catch::Contains("results[0].adapter"));
  CHECK_THROWS_WITH(LoadCompareRun(dir.Path("nowhere")), Catch::Contains("not a run folder"));
  dir.Write("norun/summary.json", R"({"run": {}, "suites": [], "results": []})");
  CHECK_THROWS_WITH(LoadCompareRun(dir.Path("norun")), Catch::Contains("run.json"));

  RunFolder torn;
  torn.Suite("s", {{"em_fr", true, false}});
  torn.Cell("a", "s", {{"em_fr", Score(1)}}).Cell("b", "s", {{"em_fr", Score(1)}});
  torn.Result("a", "s", "q", {{"em_fr", Score(1)}});
  torn.RawLine("{\"adapter\": \"b\", \"suite\":");
  const auto folder = torn.WriteTo(dir, "torn");
  CHECK_THROWS_AS(Compare({folder}), CompareInputError);
  CHECK_THROWS_WITH(Compare({folder}), Catch::Contains("results.jsonl:2"));
}
