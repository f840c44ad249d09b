// Tests for harness/config/rubric.cpp and judge_config.cpp: the shipped
// rubrics load, and a broken rubric or judge file is refused at its line.
#include <catch2/catch.hpp>

#include "etalon/config/judge_config.hpp"
#include "etalon/config/rubric.hpp"
#include "support/temp_dir.hpp"

using etalon::config::JudgeMode;
using etalon::config::LoadJudgeConfig;
using etalon::config::LoadRubric;
using etalon::config::RubricPath;

namespace {
const std::string kSourceDir = ETALON_SOURCE_DIR;
}

TEST_CASE("The shipped rubrics load, one per judging mode, each with a version and its file's sha256",
          "[config][judge]") {
  const std::vector<std::pair<std::string, JudgeMode>> shipped = {
      {"exactitude", JudgeMode::kScore}, {"conformite", JudgeMode::kPassFail}, {"preference", JudgeMode::kPairwise}};
  for (const auto& [id, mode] : shipped) {
    const auto result = LoadRubric(RubricPath(kSourceDir + "/suites", id));
    INFO(id);
    REQUIRE(result.diagnostics.empty());
    CHECK(result.rubric->mode == mode);
    CHECK(result.rubric->version >= 1);
    CHECK(result.rubric->sha256.size() == 64);
    CHECK(result.rubric->generation.temperature == 0);
  }
}

TEST_CASE("A rubric that does not show the answer, or names an unknown mode, is refused at its line",
          "[config][judge]") {
  etalon::testing::TempDir dir;
  const auto blind = dir.Write("rubrics/r.yaml", "id: r\nversion: 1\nmode: score\ntemplate: \"Question : {{question}}\"\n");
  auto result = LoadRubric(blind);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() == blind + ":4: field 'template': must show the answer to judge as {{output}}");

  const auto pairwise = dir.Write("rubrics/p.yaml", "id: p\nversion: 1\nmode: pairwise\ntemplate: \"{{output_a}}\"\n");
  result = LoadRubric(pairwise);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message == "must show the answer to judge as {{output_b}}");

  const auto unknown = dir.Write("rubrics/u.yaml", "id: u\nmode: elo\ntemplate: \"{{output}}\"\n");
  result = LoadRubric(unknown);
  REQUIRE(result.diagnostics.size() == 2);  // the mode, and the missing version
}

TEST_CASE("A judge file reads its judge as a plan's adapter entry and resolves the rubric", "[config][judge]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("judges/j.yaml",
                              "judge:\n  id: juge\n  kind: openai\n  model: simulated-chat\n"
                              "  options: {base_url: \"http://127.0.0.1:1/v1\"}\n"
                              "rubric: exactitude\nadapters: [a, b]\nconcurrency: 2\nsuites_dir: ../suites\n");
  const auto result = LoadJudgeConfig(path, "/defaults");
  REQUIRE(result.diagnostics.empty());
  CHECK(result.config->judge.id == "juge");
  CHECK(result.config->judge.options["base_url"] == "http://127.0.0.1:1/v1");
  CHECK(result.config->adapters == std::vector<std::string>{"a", "b"});
  CHECK(result.config->concurrency == 2);
  CHECK(result.config->rubric_path == (dir.path() / "suites/rubrics/exactitude.yaml").string());

  const auto bad = dir.Write("judges/bad.yaml", "judge:\n  id: juge\n  kindd: openai\nrubric: exactitude\nextra: 1\n");
  const auto refused = LoadJudgeConfig(bad, "/defaults");
  REQUIRE(refused.diagnostics.size() == 3);  // extra, judge.kindd, judge.kind missing
  CHECK(refused.diagnostics[0].line == 5);
  CHECK(refused.diagnostics[0].field == "extra");
  CHECK(refused.diagnostics[1].field == "judge.kindd");
}
