// `etalon compare` end to end: plans/offers-simulated.yaml runs two
// simulated offers (one scripted with the right answer for 9 samples in 10
// but 200 ms to its first token, the other right for 1 in 2, quick to start
// and long-winded when wrong) and the BM25 baseline on 40 samples of
// qa-demarches; compare must find the precise offer better with a small
// p-value, and place the offers on the Pareto fronts as their figures
// dictate. Then bad input and its exit code.
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

// Loopback requests must never go through a proxy the machine may have set.
const std::vector<std::string>& kNoProxy = etalon::testing::LoopbackEnvironment();

const nlohmann::json& Comparison(const nlohmann::json& json, const std::string& metric, const std::string& first,
                                 const std::string& second) {
  for (const auto& entry : json["comparisons"]) {
    if (entry["metric"] == metric && entry["first"] == first && entry["second"] == second) {
      return entry;
    }
  }
  FAIL("no comparison of " << metric << " between " << first << " and " << second);
  throw std::logic_error("unreachable");
}

std::vector<std::string> FrontOf(const nlohmann::json& json, const std::string& axis) {
  for (const auto& front : json["pareto"]) {
    if (front["axis"] == axis) {
      return front["front"].get<std::vector<std::string>>();
    }
  }
  FAIL("no Pareto front for " << axis);
  throw std::logic_error("unreachable");
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("etalon compare separates two simulated offers and a baseline", "[cli][compare][simulator]") {
  TempDir dir;
  const SimulatedOffers offers(dir);
  const auto run = dir.Path("offres");
  const auto ran = RunEtalon({"run", offers.plan(), "--out", run, "--limit", "40", "-q"}, kNoProxy);
  INFO(ran.err);
  REQUIRE(ran.exit_code == 0);

  const auto json_path = dir.Path("compare.json");
  const auto markdown_path = dir.Path("compare.md");
  const auto compared = RunEtalon({"compare", run, "--json", json_path, "--markdown", markdown_path});
  INFO(compared.err);
  REQUIRE(compared.exit_code == 0);
  CHECK(compared.out == ReadFile(markdown_path));
  CHECK(compared.out.find("# Comparaison des offres") != std::string::npos);
  const auto json = nlohmann::json::parse(ReadFile(json_path));

  // precise is right on 36 of 40, fast on 20, always among precise's: 16
  // discordant pairs all for precise, McNemar p = 2 / 2^16.
  const auto& em = Comparison(json, "em_fr", "precis", "rapide");
  CHECK(em["n_common"] == 40);
  CHECK(em["test"] == "mcnemar-exact");
  CHECK(em["difference"].get<double>() == Approx(16.0 / 40));
  CHECK(em["p_value"].get<double>() == Approx(2.0 / 65536));
  CHECK(em["p_holm"].get<double>() < 0.01);
  CHECK(em["ci"]["low"].get<double>() > 0);
  CHECK(em["better"] == "precis");
  CHECK(Comparison(json, "em_fr", "precis", "bm25-extract")["better"] == "precis");

  // precise answers better and shorter than fast: fast costs more per
  // request and is off the cost front. The baseline is the cheapest.
  const auto cost = FrontOf(json, "cost_per_request_eur");
  CHECK(Contains(cost, "precis"));
  CHECK_FALSE(Contains(cost, "rapide"));
  CHECK(Contains(cost, "bm25-extract"));
  // Latencies depend on the machine (a sanitizer build slows the long answers
  // most), so the latency front is checked against the run's own figures: an
  // offer is on it exactly when no other is at least as good on both axes
  // and better on one. The best quality is never dominated.
  CHECK(Contains(FrontOf(json, "latency_p50_ms"), "precis"));
  for (const auto& front : json["pareto"]) {
    if (front["axis"] != "latency_p50_ms") {
      continue;
    }
    for (const auto& point : front["points"]) {
      bool dominated = false;
      for (const auto& other : front["points"]) {
        const double quality = point["quality"], value = point["value"];
        const double other_quality = other["quality"], other_value = other["value"];
        dominated = dominated || (other_quality >= quality && other_value <= value &&
                                  (other_quality > quality || other_value < value));
      }
      INFO(point.dump());
      CHECK(point["on_front"].get<bool>() == !dominated);
    }
  }
  CHECK(Contains(FrontOf(json, "energy_per_request_j"), "precis"));

  // Same runs, same seed: the same figures.
  const auto again_path = dir.Path("again.json");
  REQUIRE(RunEtalon({"compare", run, "--json", again_path}).exit_code == 0);
  CHECK(ReadFile(again_path) == ReadFile(json_path));
}

TEST_CASE("etalon compare refuses bad input with exit code 2", "[cli][compare][errors]") {
  TempDir dir;
  const auto missing = RunEtalon({"compare", dir.Path("nowhere")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find(dir.Path("nowhere") + ": not a run folder") != std::string::npos);
  const auto none = RunEtalon({"compare"});
  CHECK(none.exit_code == 2);
  dir.Write("run/summary.json", R"({"run": {}, "suites": "x", "results": []})");
  const auto bad = RunEtalon({"compare", dir.Path("run")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("summary.json: field 'suites' must be a list") != std::string::npos);
  CHECK(RunEtalon({"compare", dir.Path("run"), "--lang", "de"}).exit_code == 2);
}
