// Integration tests of `etalon run` as a user runs it: the real binary, real files.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/mini_project.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;

namespace {

std::size_t CountLines(const std::string& path) {
  const auto content = ReadFile(path);
  return static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
}

}  // namespace

TEST_CASE("The demo plan runs end to end and writes results, summary and report", "[cli][integration]") {
  etalon::testing::TempDir dir;
  const auto out = dir.Path("demo");
  // --limit keeps CI fast; the full demo is the README's first command.
  const auto result =
      RunEtalon({"run", std::string(ETALON_SOURCE_DIR) + "/plans/demo.yaml", "--out", out, "--quiet", "--limit", "6"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("report:  " + out + "/report.md"));
  const auto summary = nlohmann::json::parse(ReadFile(out + "/summary.json"));
  CHECK(summary["schema"] == 1);
  CHECK(summary["run"]["status"] == "complete");
  CHECK(summary["totals"]["failed"] == 0);
  CHECK(summary["totals"]["recorded"] == summary["totals"]["expected"]);
  CHECK(CountLines(out + "/results.jsonl") == summary["totals"]["recorded"].get<std::size_t>());
  CHECK(summary["results"].size() >= 10);  // every suite runs on at least one baseline or local engine
  for (const auto& result_entry : summary["results"]) {
    double sum = 0;
    for (const auto& [name, metric] : result_entry["metrics"].items()) {
      REQUIRE(metric["value"].is_number());
      sum += metric["value"].get<double>();
    }
    CHECK(sum > 0);  // each baseline overlaps its references somewhere
  }
  CHECK_THAT(ReadFile(out + "/report.md"), Catch::Contains("resume-administratif"));
}

TEST_CASE("The limit, adapters and suites options select what runs", "[cli][integration]") {
  MiniProject project(10);
  const auto result = RunEtalon({"run", project.plan, "--out", project.Out(), "--limit", "3", "--adapters", "echo",
                                 "--suites", "s", "--quiet"});
  REQUIRE(result.exit_code == 0);
  CHECK(CountLines(project.Out() + "/results.jsonl") == 3);
  const auto unknown = RunEtalon({"run", project.plan, "--out", project.Out("x"), "--adapters", "nope"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("field '--adapters': 'nope' is not in the plan (the plan has: echo)"));
}

TEST_CASE("Options have ETALON_ environment twins, the command line wins", "[cli][integration]") {
  MiniProject project(10);
  const auto result =
      RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"}, {"ETALON_LIMIT=2"});
  REQUIRE(result.exit_code == 0);
  CHECK(CountLines(project.Out() + "/results.jsonl") == 2);
  const auto overridden =
      RunEtalon({"run", project.plan, "--out", project.Out("b"), "--quiet", "--limit", "4"}, {"ETALON_LIMIT=2"});
  REQUIRE(overridden.exit_code == 0);
  CHECK(CountLines(project.Out("b") + "/results.jsonl") == 4);
}

TEST_CASE("Failed requests above the plan's tolerance exit with code 3, and are recorded", "[cli][integration]") {
  MiniProject project(4);
  project.dir.Write("plans/p.yaml",
                    "name: p\nadapters:\n  - id: lead\n    kind: builtin:lead\n    options: {field: absent}\nsuites: [s]\n");
  const auto result = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"});
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.err, Catch::Contains("4 of 4 requests failed"));
  const auto summary = nlohmann::json::parse(ReadFile(project.Out() + "/summary.json"));
  CHECK(summary["results"][0]["errors_by_kind"]["adapter_failure"] == 4);
}

TEST_CASE("A finished run folder is not overwritten without --resume", "[cli][integration]") {
  MiniProject project(2);
  REQUIRE(RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"}).exit_code == 0);
  const auto again = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("this folder already holds a run; pass --resume"));
  const auto resumed = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet", "--resume"});
  CHECK(resumed.exit_code == 0);
  CHECK(CountLines(project.Out() + "/results.jsonl") == 2);
}

TEST_CASE("Resuming with a changed plan is refused and names the field", "[cli][integration]") {
  MiniProject project(2, "{delay_ms: 0}");
  REQUIRE(RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"}).exit_code == 0);
  project.dir.Write("datasets/d.jsonl", "{\"id\": \"s0\", \"input\": \"autre\"}\n");
  const auto result = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet", "--resume"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("cannot resume: the run's fingerprint changed: field 'datasets.s.sha256' changed"));
}

TEST_CASE("etalon --version, --help and list", "[cli]") {
  const auto version = RunEtalon({"--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("etalon 0.1.0 (git "));
  const auto help = RunEtalon({"run", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--resume"));
  const auto adapters = RunEtalon({"list", "adapters"});
  CHECK(adapters.exit_code == 0);
  CHECK_THAT(adapters.out, Catch::Contains("builtin:bm25-extract"));
  const auto metrics = RunEtalon({"list", "metrics"});
  CHECK_THAT(metrics.out, Catch::Contains("token_f1"));
  const auto suites = RunEtalon({"list", "suites", "--suites-dir", std::string(ETALON_SOURCE_DIR) + "/suites"});
  CHECK(suites.exit_code == 0);
  CHECK_THAT(suites.out, Catch::Contains("resume-administratif"));
  const auto models = RunEtalon({"list", "models"});
  CHECK(models.exit_code == 0);
  // The fixture's 1.00 / 2.00 EUR per million tokens, and its parameter range.
  CHECK_THAT(models.out, Catch::Matches("(.|\n)*simulated-chat +simulator +1\\.000 +2\\.000 +EUR +7-9(.|\n)*"));
  CHECK_THAT(models.out, Catch::Contains("n/p: not published"));
  CHECK(RunEtalon({"list", "things"}).exit_code == 2);
  CHECK(RunEtalon({"frobnicate"}).exit_code == 2);
}
