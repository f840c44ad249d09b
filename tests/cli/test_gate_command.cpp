// Integration tests of `etalon gate`: real runs of builtin:echo (which copies
// a chosen field of each sample) judged against a policy, one test per exit
// code, with the JUnit and Markdown outputs read back.
#include <catch2/catch.hpp>

#include <functional>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ProcessResult;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::TempDir;

namespace {

// 12 samples. `input` is the reference (token F1 = 1); `partial` keeps one
// word of its three (precision 1, recall 1/3: F1 = 0.5 on every sample);
// `variant` is the reference except on two samples, where it is partial.
struct GateProject {
  TempDir dir;

  GateProject() {
    std::string data;
    for (int i = 0; i < 12; ++i) {
      const std::string reference = "demande bien reçue";
      const std::string partial = "demande";
      data += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"" + reference + "\", \"reference\": \"" +
              reference + "\", \"partial\": \"" + partial + "\", \"variant\": \"" + (i < 2 ? partial : reference) +
              "\"}\n";
    }
    dir.Write("datasets/d.jsonl", data);
    dir.Write("suites/s.yaml",
              "id: s\ntask: summarize\ndataset: ../datasets/d.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1]\n");
  }

  // A finished run whose echo copies `field`.
  std::string Run(const std::string& field) const {
    const auto plan = dir.Write("plans/" + field + ".yaml", "name: " + field +
                                                                "\nadapters:\n  - id: bot\n    kind: builtin:echo\n"
                                                                "    options: {field: " +
                                                                field + "}\nsuites: [s]\n");
    const auto out = dir.Path("runs/" + field);
    const auto result = RunEtalon({"run", plan, "--out", out, "--quiet"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return out;
  }

  // A summary.json copy of `run` changed by `edit`.
  std::string EditedSummary(const std::string& run, const std::string& name,
                            const std::function<void(nlohmann::json&)>& edit) const {
    auto summary = nlohmann::json::parse(ReadFile(run + "/summary.json"));
    edit(summary);
    return dir.Write(name + ".json", summary.dump(2));
  }

  ProcessResult Gate(const std::string& baseline, const std::string& current, const std::string& policy) const {
    return RunEtalon({"gate", "--baseline", baseline, "--current", current, "--policy", dir.Write("policy.yaml", policy),
                      "--junit", dir.Path("gate.xml"), "--markdown", dir.Path("gate.md"), "--lang", "en"});
  }

  std::string Junit() const { return ReadFile(dir.Path("gate.xml")); }
  std::string Markdown() const { return ReadFile(dir.Path("gate.md")); }
};

constexpr const char* kFloorPolicy =
    "policies:\n"
    "  - suite: s\n    metric: token_f1\n    min: 0.9\n"
    "  - suite: s\n    max_p95_latency_ms: 60000\n    max_error_rate: 0\n";

}  // namespace

TEST_CASE("The gate passes with exit code 0 and one JUnit test case per check", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const auto result = project.Gate(baseline, baseline, kFloorPolicy);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("gate: pass (0 of 3 checks failed)"));
  const auto junit = project.Junit();
  CHECK_THAT(junit, Catch::Contains("tests=\"4\" failures=\"0\" errors=\"0\""));
  CHECK_THAT(junit, Catch::Contains("name=\"s/bot: token_f1 &gt;= 0.9\""));
  CHECK_THAT(junit, Catch::Contains("name=\"s/bot: p95 latency (ms) &lt;= 60000\""));
  CHECK_THAT(junit, !Catch::Contains("<failure"));
  CHECK_THAT(project.Markdown(), Catch::Contains("## etalon gate: ✅ 3 checks passed"));
}

TEST_CASE("A floor below the figure is a regression: exit code 1, figure, threshold and baseline named", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const auto current = project.Run("partial");
  const auto result = project.Gate(baseline, current, kFloorPolicy);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("FAIL s/bot: token_f1 >= 0.9"));
  CHECK_THAT(project.Junit(), Catch::Contains("failures=\"1\""));
  CHECK_THAT(project.Junit(),
             Catch::Contains("<failure type=\"regression\" message=\"token_f1 is 0.5, threshold &gt;= 0.9, baseline 1\""));
  CHECK_THAT(project.Markdown(), Catch::Contains("regression (1 of 3 checks failed)"));
  CHECK_THAT(project.Markdown(), Catch::Contains("- **s / bot** — token_f1: 0.5000, threshold ≥ 0.9000 (baseline: 1.0000)"));
}

TEST_CASE("A drop fails only when the paired test finds it significant", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const std::string policy = "seed: 3\npolicies:\n  - suite: s\n    metric: token_f1\n    max_drop: 0.01\n"
                             "    significance: 0.05\n";
  SECTION("every sample worse: p = 2^-12") {
    const auto result = project.Gate(baseline, project.Run("partial"), policy);
    CHECK(result.exit_code == 1);
    CHECK_THAT(project.Markdown(), Catch::Contains("token_f1 drop: 0.5000, threshold ≤ 0.0100 (baseline: 1.0000), "
                                                   "paired test p = 0.0002 < 0.0500"));
  }
  SECTION("two samples of twelve worse: the drop exceeds the margin but p = 1/4") {
    const auto result = project.Gate(baseline, project.Run("variant"), policy);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK_THAT(project.Markdown(), Catch::Contains("| ✅ | s | bot | token_f1 drop | 0.0833 | ≤ 0.0100 | 1.0000 | 0.2500 |"));
  }
  SECTION("without the test the same drop fails") {
    const auto result = project.Gate(baseline, project.Run("variant"),
                                     "policies:\n  - suite: s\n    metric: token_f1\n    max_drop: 0.01\n");
    CHECK(result.exit_code == 1);
  }
  SECTION("summaries alone cannot be tested: exit code 2") {
    const auto current = project.Run("partial");
    const auto result = project.Gate(baseline + "/summary.json", current + "/summary.json", policy);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:6: field 'policies[0].significance': the paired test needs run folders"));
  }
}

TEST_CASE("An incomplete current run exits 3 and is not reported as a regression", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const auto current = project.Run("partial");
  SECTION("cut short") {
    const auto summary = project.EditedSummary(current, "cut", [](nlohmann::json& json) {
      json["run"]["status"] = "incomplete";
      json["totals"]["recorded"] = 7;
    });
    const auto result = project.Gate(baseline, summary, kFloorPolicy);
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("run status is 'incomplete': 7 of 12 results recorded"));
    CHECK_THAT(project.Junit(), Catch::Contains("<error type=\"incomplete\""));
    CHECK_THAT(project.Markdown(), Catch::Contains("the current run is incomplete: it is not judged"));
  }
  SECTION("failed requests above the plan's tolerance") {
    const auto summary = project.EditedSummary(current, "flaky", [](nlohmann::json& json) {
      json["totals"]["within_tolerance"] = false;
      json["totals"]["failed"] = 3;
      json["totals"]["error_rate"] = 0.25;
    });
    const auto result = project.Gate(baseline, summary, kFloorPolicy);
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("3 of 12 requests failed (25.0%)"));
  }
}

TEST_CASE("Cost and error-rate ceilings read the summary's figures", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const std::string cost_policy = "policies:\n  - suite: s\n    max_cost_per_1000: 10\n";
  SECTION("no cost in the summary is an input error naming the policy line") {
    const auto result = project.Gate(baseline, baseline, cost_policy);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:3: field 'policies[0].max_cost_per_1000': "));
    CHECK_THAT(result.err, Catch::Contains("has no cost figures (results[].cost.per_request_eur)"));
  }
  SECTION("0.05 euro a request is 50 per 1,000, above 10") {
    const auto priced = [](nlohmann::json& json) {
      json["results"][0]["cost"] = {{"eur", 0.6}, {"requests_priced", 12}, {"per_request_eur", 0.05}};
    };
    const auto result =
        project.Gate(project.EditedSummary(baseline, "base", priced), project.EditedSummary(baseline, "cur", priced),
                     cost_policy);
    CHECK(result.exit_code == 1);
    CHECK_THAT(project.Junit(), Catch::Contains("cost per 1,000 requests is 50, threshold &lt;= 10"));
  }
  SECTION("an error rate above its ceiling, within the plan's tolerance") {
    const auto current = project.EditedSummary(baseline, "errors", [](nlohmann::json& json) {
      json["results"][0]["error_rate"] = 0.25;
      json["totals"]["max_error_rate"] = 0.5;
    });
    const auto result = project.Gate(baseline, current, "policies:\n  - suite: s\n    max_error_rate: 0.1\n");
    CHECK(result.exit_code == 1);
    CHECK_THAT(project.Junit(), Catch::Contains("error rate is 0.25, threshold &lt;= 0.1, baseline 0"));
  }
}

TEST_CASE("Bad gate input exits 2 with the file, line and field", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  SECTION("an unknown field") {
    const auto result = project.Gate(baseline, baseline, "policies:\n  - suite: s\n    metrik: token_f1\n    min: 1\n");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:3: field 'policies[0].metrik': unknown field"));
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:2: field 'policies[0].metric': is required with min"));
  }
  SECTION("a key that is a list") {
    const auto result = project.Gate(baseline, baseline, "policies:\n  - suite: s\n    ? [metric, min]\n    : 1\n");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:3: field 'policies[0]."));
    CHECK_THAT(result.err, Catch::Contains("unknown field"));
  }
  SECTION("a metric the suite lacks") {
    const auto result = project.Gate(baseline, baseline, "policies:\n  - suite: s\n    metric: bleu\n    min: 1\n");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("policy.yaml:3: field 'policies[0].metric': suite 's' has no metric 'bleu'"));
  }
  SECTION("a suite the run lacks") {
    const auto result = project.Gate(baseline, baseline, "policies:\n  - suite: t\n    max_error_rate: 0\n");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("has no result for suite 't'"));
  }
  SECTION("a missing run") {
    const auto result = project.Gate(baseline, project.dir.Path("nowhere"), kFloorPolicy);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("nowhere: cannot read (give a finished run folder or its summary.json)"));
  }
  SECTION("a missing option") {
    const auto result = RunEtalon({"gate", "--baseline", baseline});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("gate needs --current"));
  }
}

TEST_CASE("The Markdown summary is in French by default", "[cli][gate]") {
  GateProject project;
  const auto baseline = project.Run("input");
  const auto result = RunEtalon({"gate", "--baseline", baseline, "--current", project.Run("partial"), "--policy",
                                 project.dir.Write("policy.yaml", kFloorPolicy), "--junit", project.dir.Path("gate.xml"),
                                 "--markdown", project.dir.Path("gate.md")});
  CHECK(result.exit_code == 1);
  const auto markdown = project.Markdown();
  CHECK_THAT(markdown, Catch::Contains("## etalon gate : ❌ régression (1 sur 3 contrôles en échec)"));
  CHECK_THAT(markdown, Catch::Contains("- **s / bot** — token_f1 : 0,5000, seuil ≥ 0,9000 (référence : 1,0000)"));
  CHECK_THAT(markdown, Catch::Contains("| ✅ | s | bot | latence p95 (ms) |"));
  CHECK_THAT(markdown, Catch::Contains("| ✅ | s | bot | taux d'erreur | 0,0000 | ≤ 0,0000 | 0,0000 | — |"));
}
