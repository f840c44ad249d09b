// Tests for harness/config/plan.cpp: shapes, defaults, and located errors.
#include <catch2/catch.hpp>

#include "etalon/config/plan.hpp"
#include "support/temp_dir.hpp"

using etalon::config::LoadPlan;

namespace {

std::string AllMessages(const etalon::core::Diagnostics& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    text += diagnostic.ToString() + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("A plan in the documented shape loads with defaults applied", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("plans/p.yaml",
                              "name: p\nadapters:\n  - id: a\n    kind: builtin:echo\n    options: {delay_ms: 5}\n"
                              "suites: [s1, s2]\n");
  const auto result = LoadPlan(path, "/defaults");
  INFO(AllMessages(result.diagnostics));
  REQUIRE(result.plan);
  const auto& plan = *result.plan;
  CHECK(plan.name == "p");
  CHECK(plan.concurrency == 8);
  CHECK(plan.repeats == 1);
  CHECK(plan.max_error_rate == 0);
  CHECK(plan.suites == std::vector<std::string>{"s1", "s2"});
  CHECK(plan.suites_dir == "/defaults");
  REQUIRE(plan.adapters.size() == 1);
  CHECK(plan.adapters[0].options["delay_ms"] == 5);
  CHECK(plan.adapters[0].line == 3);
  CHECK(plan.Resolved()["concurrency"] == 8);
}

TEST_CASE("Plan errors name the file, the line and the field", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\n"
                              "concurency: 4\n"
                              "repeats: 0\n"
                              "adapters:\n"
                              "  - id: a\n"
                              "    kind: builtin:echo\n"
                              "  - id: a\n"
                              "    kind: builtin:lead\n"
                              "suites: [s]\n");
  const auto result = LoadPlan(path, "");
  CHECK_FALSE(result.plan);
  const auto messages = AllMessages(result.diagnostics);
  CHECK_THAT(messages, Catch::Contains(path + ":2: field 'concurency': unknown field"));
  CHECK_THAT(messages, Catch::Contains(path + ":3: field 'repeats': must be between 1 and 1000, got 0"));
  CHECK_THAT(messages, Catch::Contains(path + ":7: field 'adapters[1].id': duplicate adapter id 'a'"));
}

TEST_CASE("A plan that is not YAML reports the parser's line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nadapters: [\n  - x: 1\n");
  const auto result = LoadPlan(path, "");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK_THAT(result.diagnostics[0].ToString(), Catch::StartsWith(path + ":"));
  CHECK_THAT(result.diagnostics[0].message, Catch::StartsWith("invalid YAML"));
}

// Found by tests/fuzz/plan_loader: the plan was accepted, then writing it
// into run.json threw (nlohmann refuses to dump text that is not UTF-8).
TEST_CASE("Text that is not UTF-8 in a YAML file is reported at its line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nsuites: [s]\nadapters:\n  - {id: a, kind: builtin:echo, "
                                        "options: {corpus: r\x9cg}}\n");
  const auto result = LoadPlan(path, "");
  CHECK_FALSE(result.plan);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() == path + ":4: invalid UTF-8: the file must be UTF-8 text");
}

// yaml-cpp registers an anchor before reading its content, so `&a [*a]` is
// a sequence that contains itself: walking it never ended (stack overflow).
TEST_CASE("An alias inside its own anchor is refused, not followed forever", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nsuites: [s]\nloop: &a [1, *a]\n");
  const auto result = LoadPlan(path, "");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK_THAT(result.diagnostics[0].ToString(),
             Catch::StartsWith(path + ":3: nested more than 64 levels deep (or an alias inside its own anchor)"));
}

TEST_CASE("Aliases that expand past 100000 values are refused before anything reads them", "[config]") {
  etalon::testing::TempDir dir;
  std::string text = "name: p\nl0: &l0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
  for (int level = 1; level <= 7; ++level) {  // 10^8 values once expanded
    const auto below = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [" + below;
    for (int copy = 1; copy < 10; ++copy) {
      text += ", " + below;
    }
    text += "]\n";
  }
  const auto path = dir.Write("p.yaml", text);
  const auto result = LoadPlan(path, "");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message == "more than 100000 values once aliases are expanded");
}

// Found by tests/fuzz/plan_loader: yaml-cpp threw a bad conversion when the
// unknown-field check read a key that is a list as text.
TEST_CASE("A key that is a list is an unknown field, reported at its line", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nsuites: [s]\nadapters: [{id: a, kind: builtin:echo}]\n"
                                        "slo:\n  ttft_ms: 100\n  ? [x, y]\n  : 1\n");
  const auto result = LoadPlan(path, "");
  CHECK_FALSE(result.plan);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].line == 6);
  CHECK_THAT(result.diagnostics[0].message, Catch::StartsWith("unknown field (known fields: ttft_ms, tpot_ms, end_to_end_ms)"));
}

TEST_CASE("A missing plan file is reported, not thrown", "[config]") {
  const auto result = LoadPlan("/nonexistent/plan.yaml", "");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() == "/nonexistent/plan.yaml: cannot open file");
}

TEST_CASE("An adapter may name the plan suites it runs, and only those", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\nsuites: [a, b]\nadapters:\n  - id: x\n    kind: builtin:echo\n    suites: [b]\n"
                              "  - id: y\n    kind: builtin:echo\n    suites: [c]\n");
  const auto result = LoadPlan(path, "");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].ToString() == path + ":7: field 'adapters[1].suites': suite 'c' is not in the plan's suites");
  const auto good = LoadPlan(dir.Write("q.yaml", "name: q\nsuites: [a, b]\nadapters:\n  - id: x\n    kind: builtin:echo\n    suites: [b]\n"), "");
  REQUIRE(good.plan);
  CHECK(good.plan->adapters[0].suites == std::vector<std::string>{"b"});
}

TEST_CASE("A plan may ask for open-loop arrivals and state service levels", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\narrival_rate_per_s: 12.5\nslo: {ttft_ms: 500, end_to_end_ms: 4000}\n"
                              "adapters:\n  - id: a\n    kind: builtin:echo\nsuites: [s]\n");
  const auto result = LoadPlan(path, "");
  INFO(AllMessages(result.diagnostics));
  REQUIRE(result.plan);
  CHECK(result.plan->arrival_rate_per_s == 12.5);
  CHECK(result.plan->slo.ttft_ms == 500.0);
  CHECK_FALSE(result.plan->slo.tpot_ms.has_value());
  CHECK(result.plan->slo.end_to_end_ms == 4000.0);
  const auto resolved = result.plan->Resolved();
  CHECK(resolved["arrival_rate_per_s"] == 12.5);
  CHECK(resolved["slo"]["tpot_ms"].is_null());
}

TEST_CASE("A closed-loop plan without service levels resolves them as null", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nadapters:\n  - id: a\n    kind: builtin:echo\nsuites: [s]\n");
  const auto result = LoadPlan(path, "");
  REQUIRE(result.plan);
  CHECK_FALSE(result.plan->arrival_rate_per_s.has_value());
  CHECK(result.plan->Resolved()["slo"].is_null());
  CHECK(result.plan->Resolved()["arrival_rate_per_s"].is_null());
}

TEST_CASE("Service-level and arrival errors are located", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\narrival_rate_per_s: 0\nslo:\n  ttft: 500\n  tpot_ms: -1\n"
                              "adapters:\n  - id: a\n    kind: builtin:echo\nsuites: [s]\n");
  const auto result = LoadPlan(path, "");
  CHECK_FALSE(result.plan);
  const auto messages = AllMessages(result.diagnostics);
  CHECK_THAT(messages, Catch::Contains(path + ":2: field 'arrival_rate_per_s': must be between"));
  CHECK_THAT(messages, Catch::Contains(path + ":4: field 'slo.ttft': unknown field"));
  CHECK_THAT(messages, Catch::Contains(path + ":5: field 'slo.tpot_ms': must be between 0 and"));
}

TEST_CASE("A plan may state yearly volumes per suite and a self-hosted server's hourly price", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\nyearly_requests: {s: 250000, t: 12}\n"
                              "adapters:\n  - id: a\n    kind: builtin:echo\n    server_eur_per_hour: 3.5\n"
                              "suites: [s]\n");
  const auto result = LoadPlan(path, "");
  CHECK_FALSE(result.plan);
  CHECK_THAT(AllMessages(result.diagnostics),
             Catch::Contains(path + ":2: field 'yearly_requests.t': suite 't' is not in the plan's suites"));
  const auto good = dir.Write("q.yaml",
                              "name: q\nyearly_requests: {s: 250000}\n"
                              "adapters:\n  - id: a\n    kind: builtin:echo\n    server_eur_per_hour: 3.5\n"
                              "suites: [s]\n");
  const auto loaded = LoadPlan(good, "");
  REQUIRE(loaded.plan);
  CHECK(loaded.plan->yearly_requests == std::vector<std::pair<std::string, double>>{{"s", 250000.0}});
  CHECK(loaded.plan->adapters[0].server_eur_per_hour == 3.5);
}

TEST_CASE("A plan may set a budget in EUR and kWh", "[config]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml", "name: p\nbudget: {eur: 12.5, kwh: 0.2}\n"
                                        "adapters:\n  - id: a\n    kind: builtin:echo\nsuites: [s]\n");
  const auto result = LoadPlan(path, "");
  REQUIRE(result.plan);
  CHECK(result.plan->budget.eur == 12.5);
  CHECK(result.plan->budget.kwh == 0.2);
  CHECK(result.plan->Resolved()["budget"]["eur"] == 12.5);
  const auto bad = dir.Write("q.yaml", "name: q\nbudget: {euros: 3}\nadapters:\n  - id: a\n    kind: builtin:echo\n"
                                       "suites: [s]\n");
  CHECK_THAT(AllMessages(LoadPlan(bad, "").diagnostics), Catch::Contains(bad + ":2: field 'budget.euros': unknown field"));
}

TEST_CASE("A plan may ask for each result to reach the disk, and names a wrong durability", "[config]") {
  etalon::testing::TempDir dir;
  const std::string rest = "adapters:\n  - {id: a, kind: builtin:echo}\nsuites: [s]\n";
  const auto by_default = LoadPlan(dir.Write("plans/default.yaml", "name: p\n" + rest), "/defaults");
  REQUIRE(by_default.plan);
  CHECK_FALSE(by_default.plan->fsync_results);
  CHECK(by_default.plan->Resolved()["durability"] == "write");

  const auto fsync = LoadPlan(dir.Write("plans/fsync.yaml", "name: p\ndurability: fsync\n" + rest), "/defaults");
  INFO(AllMessages(fsync.diagnostics));
  REQUIRE(fsync.plan);
  CHECK(fsync.plan->fsync_results);
  CHECK(fsync.plan->Resolved()["durability"] == "fsync");

  const auto wrong = LoadPlan(dir.Write("plans/wrong.yaml", "name: p\ndurability: sometimes\n" + rest), "/defaults");
  CHECK_FALSE(wrong.plan);
  CHECK_THAT(AllMessages(wrong.diagnostics), Catch::Contains("wrong.yaml:2: field 'durability': must be write"));
}

TEST_CASE("An adapter entry may declare whether it is a classical baseline; the resolved plan records the flag",
          "[config][frugality]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("p.yaml",
                              "name: p\nadapters:\n  - id: wrapped\n    kind: command\n    baseline: true\n"
                              "  - id: lead\n    kind: builtin:lead\n  - id: model\n    kind: openai\nsuites: [s]\n");
  const auto result = LoadPlan(path, "");
  INFO(AllMessages(result.diagnostics));
  REQUIRE(result.plan);
  CHECK(result.plan->adapters[0].baseline == std::optional<bool>(true));
  CHECK_FALSE(result.plan->adapters[1].baseline.has_value());
  const auto resolved = result.plan->Resolved();
  CHECK(resolved["adapters"][0]["baseline"] == true);
  CHECK(resolved["adapters"][1]["baseline"] == true);  // derived from the builtin kind
  CHECK(resolved["adapters"][2]["baseline"] == false);
  const auto bad = dir.Write("q.yaml", "name: q\nadapters:\n  - id: a\n    kind: openai\n    baseline: oui\nsuites: [s]\n");
  CHECK_THAT(AllMessages(LoadPlan(bad, "").diagnostics),
             Catch::Contains(bad + ":5: field 'adapters[0].baseline': must be true or false"));
}
