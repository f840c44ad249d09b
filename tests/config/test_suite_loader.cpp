// Tests for harness/config/suite.cpp.
#include <catch2/catch.hpp>

#include "etalon/config/suite.hpp"
#include "support/temp_dir.hpp"

using etalon::config::LoadSuite;

TEST_CASE("A suite loads, with its dataset path taken from its own folder", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("suites/s.yaml",
                              "id: s\ntask: qa\ndataset: ../datasets/s/data.jsonl\n"
                              "template: |\n  Question : {{question}}\nmetrics: [token_f1, {name: exact_match}]\n"
                              "generation: {temperature: 0, max_tokens: 64, stop: [\"\\n\"]}\n");
  const auto result = LoadSuite(path);
  REQUIRE(result.diagnostics.empty());
  const auto& suite = *result.suite;
  CHECK(suite.dataset_path == (dir.path() / "datasets/s/data.jsonl").string());
  CHECK(suite.metrics.size() == 2);
  CHECK(suite.metrics[1].name == "exact_match");
  CHECK(suite.generation.max_tokens == 64);
  CHECK(suite.generation.stop == std::vector<std::string>{"\n"});
  CHECK(suite.template_line == 4);
}

TEST_CASE("An unknown metric is reported at its line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("s.yaml",
                              "id: s\ntask: qa\ndataset: d.jsonl\ntemplate: x\nmetrics:\n  - token_f1\n  - blue\n");
  const auto result = LoadSuite(path);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() ==
        path + ":7: field 'metrics[1]': unknown metric 'blue' (see `etalon list metrics`)");
}

TEST_CASE("A suite's id must match its file name and its task must be known", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("s.yaml", "id: other\ntask: poetry\ndataset: d.jsonl\ntemplate: x\nmetrics: [token_f1]\n");
  const auto result = LoadSuite(path);
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].ToString() == path + ":1: field 'id': must match the file name ('s')");
  CHECK_THAT(result.diagnostics[1].ToString(), Catch::StartsWith(path + ":2: field 'task': unknown task 'poetry'"));
}

TEST_CASE("A suite's pass rule names one of its metrics and a threshold", "[config]") {
  etalon::testing::TempDir dir;
  const auto good = dir.Write("s.yaml", "id: s\ntask: qa\ndataset: d.jsonl\ntemplate: x\nmetrics: [token_f1]\n"
                                        "pass: {metric: token_f1, threshold: 0.5}\n");
  const auto loaded = LoadSuite(good);
  REQUIRE(loaded.suite);
  REQUIRE(loaded.suite->pass);
  CHECK(loaded.suite->pass->metric == "token_f1");
  CHECK(loaded.suite->pass->threshold == 0.5);
  const auto bad = dir.Write("t/s.yaml", "id: s\ntask: qa\ndataset: d.jsonl\ntemplate: x\nmetrics: [token_f1]\n"
                                         "pass:\n  metric: bleu\n");
  const auto refused = LoadSuite(bad);
  CHECK_FALSE(refused.suite);
  REQUIRE(refused.diagnostics.size() == 2);
  CHECK(refused.diagnostics[0].ToString() == bad + ":7: field 'pass.threshold': is required");
  CHECK(refused.diagnostics[1].ToString() == bad + ":7: field 'pass.metric': 'bleu' is not one of this suite's metrics");
}

// Found by tests/fuzz/suite_loader: one byte that is not UTF-8 in a template
// made the run's fingerprint throw when it recorded the suite as JSON.
TEST_CASE("A suite whose template is not UTF-8 is refused at the template's line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("s.yaml", "id: s\ntask: qa\ndataset: d.jsonl\ntemplate: |\n  Question :\n  \xcc"
                                        "angue {{q}}\nmetrics: [token_f1]\n");
  const auto result = LoadSuite(path);
  CHECK_FALSE(result.suite);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() == path + ":4: invalid UTF-8: the file must be UTF-8 text");
}

// Found by tests/fuzz/suite_loader: a metric mapping without `name` threw
// yaml-cpp's InvalidNode, and `name: 12` threw nlohmann's type_error.
TEST_CASE("A metric mapping without a text name is reported at its line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("s.yaml", "id: s\ntask: qa\ndataset: d.jsonl\ntemplate: x\nmetrics:\n"
                                        "  - {tokenize: intl}\n  - {name: 12}\n");
  const auto result = LoadSuite(path);
  CHECK_FALSE(result.suite);
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].ToString() == path + ":6: field 'metrics[0]': must be a metric name or a mapping with a name");
  CHECK(result.diagnostics[1].ToString() ==
        path + ":7: field 'metrics[1]': unknown metric '12' (see `etalon list metrics`)");
}
