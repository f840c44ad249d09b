// Tests for harness/summary/summary_builder.cpp: a summary rebuilt from a
// hand-written journal, so every figure is checked against a hand count.
#include <catch2/catch.hpp>

#include "etalon/stats/bootstrap.hpp"
#include "etalon/stats/proportion_interval.hpp"
#include "etalon/summary/summary_builder.hpp"
#include "support/sample_with_references.hpp"
#include "support/temp_dir.hpp"

namespace {

std::string Line(const std::string& sample, bool ok, double f1, const std::string& energy) {
  nlohmann::ordered_json record;
  record["schema"] = 1;
  record["adapter"] = "a";
  record["suite"] = "s";
  record["sample"] = sample;
  record["repeat"] = 0;
  record["ok"] = ok;
  record["output"] = "x";
  record["error"] = ok ? nlohmann::ordered_json(nullptr)
                       : nlohmann::ordered_json{{"kind", "timeout"}, {"http_status", nullptr}, {"message", "m"}};
  record["scores"] = ok ? nlohmann::ordered_json{{"token_f1", {{"value", f1}}}} : nlohmann::ordered_json::object();
  record["usage"] = {{"input_tokens", nullptr}, {"output_tokens", nullptr}, {"estimated", false}};
  record["timing"] = {{"queued_ms", 0.0}, {"ttft_ms", nullptr}, {"end_to_end_ms", f1 * 100}};
  record["energy"] = energy.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json::parse(energy);
  record["served_model"] = "m-2026";
  return record.dump() + "\n";
}

// A succeeded result line with the given scores.
std::string ScoredLine(const std::string& sample, const nlohmann::ordered_json& scores) {
  auto record = nlohmann::ordered_json::parse(Line(sample, true, 0, ""));
  record["scores"] = scores;
  return record.dump() + "\n";
}

// A one-suite project in `dir`: `samples` dataset lines and the suite file.
std::vector<std::unique_ptr<etalon::run::PreparedSuite>> OneSuite(etalon::testing::TempDir& dir, int samples,
                                                                  const std::string& metrics) {
  std::string data;
  for (int i = 0; i < samples; ++i) {
    data += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"x\", \"reference\": \"x\"}\n";
  }
  dir.Write("d.jsonl", data);
  const auto suite_path =
      dir.Write("s.yaml", "id: s\ntask: chat\ndataset: d.jsonl\ntemplate: \"{{input}}\"\nmetrics: " + metrics + "\n");
  std::vector<std::unique_ptr<etalon::run::PreparedSuite>> suites;
  etalon::core::Diagnostics diagnostics;
  suites.push_back(etalon::run::PrepareSuite(suite_path, diagnostics));
  REQUIRE(diagnostics.empty());
  return suites;
}

// The input of a summary of adapter "a" over the one suite "s".
etalon::summary::SummaryInput OneCellInput(const etalon::config::Plan& plan,
                                           const std::vector<std::unique_ptr<etalon::run::PreparedSuite>>& suites) {
  etalon::summary::SummaryInput input;
  input.plan = &plan;
  input.adapter_suites = {{"a", {"s"}}};
  input.suites = &suites;
  return input;
}

}  // namespace

TEST_CASE("The summary counts, averages and keeps measured energy apart from estimated", "[summary]") {
  etalon::testing::TempDir dir;
  std::string data;
  for (int i = 0; i < 4; ++i) {
    data += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"x\", \"reference\": \"x\"}\n";
  }
  dir.Write("d.jsonl", data);
  const auto suite_path =
      dir.Write("s.yaml", "id: s\ntask: chat\ndataset: d.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1]\n");
  std::vector<std::unique_ptr<etalon::run::PreparedSuite>> suites;
  etalon::core::Diagnostics diagnostics;
  suites.push_back(etalon::run::PrepareSuite(suite_path, diagnostics));
  REQUIRE(diagnostics.empty());

  const auto journal = dir.Write(
      "results.jsonl",
      Line("s0", true, 0.5, R"({"joules": 2.0, "measured": true, "method": "rapl", "low_joules": null, "high_joules": null})") +
          Line("s1", true, 1.0, R"({"joules": 3.0, "measured": false, "method": "cpu-time-estimate", "low_joules": 1.0, "high_joules": 6.0})") +
          Line("s2", false, 0, ""));
  etalon::config::Plan plan;
  plan.name = "p";
  plan.max_error_rate = 0.5;
  auto input = OneCellInput(plan, suites);
  input.journal_path = journal;
  // Every record is handed on with its line, for the reports' samples.
  std::vector<std::size_t> numbers;
  input.on_record = [&](const etalon::summary::SummaryRecord& record, std::string_view line, std::size_t number) {
    CHECK(record.adapter == "a");
    CHECK(record.served_model == "m-2026");
    CHECK(nlohmann::json::parse(line).at("sample") == "s" + std::to_string(numbers.size()));
    numbers.push_back(number);
  };
  const auto summary = etalon::summary::BuildSummary(input);
  CHECK(numbers == std::vector<std::size_t>{1, 2, 3});

  CHECK(summary.totals.expected == 4);
  CHECK(summary.totals.recorded == 3);
  CHECK(summary.totals.failed == 1);
  const auto& json = summary.json;
  CHECK(json["run"]["status"] == "incomplete");  // s3 never ran
  const auto& cell = json["results"][0];
  CHECK(cell["errors_by_kind"]["timeout"] == 1);
  CHECK(cell["metrics"]["token_f1"]["n"] == 2);  // the failed request is not scored
  CHECK(cell["metrics"]["token_f1"]["value"].get<double>() == Approx(0.75));
  CHECK(cell["energy"]["measured"]["joules"].get<double>() == Approx(2.0));
  CHECK(cell["energy"]["estimated"]["joules"].get<double>() == Approx(3.0));
  CHECK(cell["energy"]["estimated"]["low_joules"].get<double>() == Approx(1.0));
  CHECK(cell["energy"]["estimated"]["high_joules"].get<double>() == Approx(6.0));
  CHECK(cell["latency_ms"]["end_to_end"]["p50"].get<double>() == Approx(75.0));
  CHECK(json["totals"]["within_tolerance"] == true);  // 1/3 failed, tolerance 0.5
}

TEST_CASE("The summary does not depend on the journal's order", "[summary][shard]") {
  // 40 values whose running mean rounds differently forwards and backwards
  // (checked apart: Welford's mean of them differs in the last bit).
  etalon::testing::TempDir dir;
  std::string data;
  std::vector<std::string> lines;
  for (int i = 0; i < 40; ++i) {
    const auto id = "s" + std::to_string(i);
    data += "{\"id\": \"" + id + "\", \"input\": \"x\", \"reference\": \"x\"}\n";
    const double f1 = ((i * 37) % 17) / 17.0 + i * 0.001;
    lines.push_back(Line(id, true, f1,
                         R"({"joules": )" + std::to_string(0.1 + i * 0.013) +
                             R"(, "measured": false, "method": "cpu-time-estimate", "low_joules": 0.01, "high_joules": 0.7})"));
  }
  dir.Write("d.jsonl", data);
  const auto suite_path =
      dir.Write("s.yaml", "id: s\ntask: chat\ndataset: d.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1]\n");
  std::vector<std::unique_ptr<etalon::run::PreparedSuite>> suites;
  etalon::core::Diagnostics diagnostics;
  suites.push_back(etalon::run::PrepareSuite(suite_path, diagnostics));
  REQUIRE(diagnostics.empty());
  etalon::config::Plan plan;
  plan.name = "p";
  auto input = OneCellInput(plan, suites);

  std::string forwards;
  std::string backwards;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    forwards += lines[i];
    backwards += lines[lines.size() - 1 - i];
  }
  input.journal_path = dir.Write("forwards.jsonl", forwards);
  const auto first = etalon::summary::BuildSummary(input).json;
  input.journal_path = dir.Write("backwards.jsonl", backwards);
  const auto second = etalon::summary::BuildSummary(input).json;
  CHECK(first["results"].dump() == second["results"].dump());
  CHECK(first["results"][0]["metrics"]["token_f1"]["n"] == 40);
}

TEST_CASE("A shard's cells expect only the shard's keys", "[summary][shard]") {
  etalon::testing::TempDir dir;
  dir.Write("d.jsonl", "{\"id\": \"s0\", \"input\": \"x\", \"reference\": \"x\"}\n"
                       "{\"id\": \"s1\", \"input\": \"x\", \"reference\": \"x\"}\n");
  const auto suite_path =
      dir.Write("s.yaml", "id: s\ntask: chat\ndataset: d.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1]\n");
  std::vector<std::unique_ptr<etalon::run::PreparedSuite>> suites;
  etalon::core::Diagnostics diagnostics;
  suites.push_back(etalon::run::PrepareSuite(suite_path, diagnostics));
  etalon::config::Plan plan;
  plan.name = "p";
  auto input = OneCellInput(plan, suites);
  input.journal_path = dir.Write("results.jsonl", Line("s1", true, 1.0, ""));
  input.expected_keys = std::map<std::pair<std::string, std::string>, std::size_t>{{{"a", "s"}, 1}};
  const auto summary = etalon::summary::BuildSummary(input);
  CHECK(summary.totals.expected == 1);
  CHECK(summary.json["run"]["status"] == "complete");
}

TEST_CASE("A metric mean's interval is the seeded BCa bootstrap of its values", "[summary][stats]") {
  // The summary's interval is exactly the bootstrap of the scored values
  // with the run's seed and 2000 resamples; another seed moves it.
  etalon::testing::TempDir dir;
  const auto suites = OneSuite(dir, 30, "[token_f1]");
  std::string journal;
  std::vector<double> values;
  for (int i = 0; i < 30; ++i) {
    const double f1 = ((i * 7) % 11) / 10.0;
    values.push_back(f1);
    journal += Line("s" + std::to_string(i), true, f1, "");
  }
  etalon::config::Plan plan;
  plan.name = "p";
  plan.seed = 77;
  auto input = OneCellInput(plan, suites);
  input.journal_path = dir.Write("results.jsonl", journal);
  const auto ci = etalon::summary::BuildSummary(input).json["results"][0]["metrics"]["token_f1"]["ci95"];
  REQUIRE(ci.is_object());
  CHECK(ci["method"] == "bca-bootstrap");
  CHECK(ci["resamples"] == 2000);
  const auto expected = etalon::stats::BootstrapMeanInterval(values, {2000, 77, 0.95});
  CHECK(ci["low"].get<double>() == expected.low);
  CHECK(ci["high"].get<double>() == expected.high);
  plan.seed = 78;
  const auto other = etalon::summary::BuildSummary(input).json["results"][0]["metrics"]["token_f1"]["ci95"];
  CHECK((other["low"] != ci["low"] || other["high"] != ci["high"]));

  // One scored sample: no interval.
  input.journal_path = dir.Write("one.jsonl", Line("s0", true, 0.5, ""));
  CHECK(etalon::summary::BuildSummary(input).json["results"][0]["metrics"]["token_f1"]["ci95"].is_null());
}

TEST_CASE("A rate's interval is Wilson's, and keeps a width when every score is the same", "[summary][stats]") {
  // exact_match scores are 0 or 1. 12 failures: a bootstrap would say [0, 0];
  // Wilson says up to 0.2425 (z = 1.96: 3.8415 / (12 + 3.8415)).
  etalon::testing::TempDir dir;
  const auto suites = OneSuite(dir, 12, "[token_f1]");
  etalon::config::Plan plan;
  plan.name = "p";
  auto input = OneCellInput(plan, suites);
  std::string failures;
  std::string mixed;
  for (int i = 0; i < 12; ++i) {
    failures += Line("s" + std::to_string(i), true, 0.0, "");
    mixed += Line("s" + std::to_string(i), true, i < 3 ? 1.0 : 0.0, "");
  }
  input.journal_path = dir.Write("failures.jsonl", failures);
  const auto none = etalon::summary::BuildSummary(input).json["results"][0]["metrics"]["token_f1"]["ci95"];
  CHECK(none["method"] == "wilson");
  CHECK(none["low"].get<double>() == 0.0);
  CHECK(none["high"].get<double>() == Approx(0.2425).margin(1e-4));
  input.journal_path = dir.Write("mixed.jsonl", mixed);
  const auto some = etalon::summary::BuildSummary(input).json["results"][0]["metrics"]["token_f1"]["ci95"];
  const auto expected = etalon::stats::WilsonInterval(3, 12);
  CHECK(some["method"] == "wilson");
  CHECK(some["low"].get<double>() == expected.low);
  CHECK(some["high"].get<double>() == expected.high);
}

TEST_CASE("A corpus metric's interval resamples segments through its corpus formula", "[summary][stats]") {
  // chrF of 12 segments, half of them exact copies of their reference: the
  // corpus figure lies inside its interval, which resamples whole segments.
  etalon::testing::TempDir dir;
  const auto suites = OneSuite(dir, 12, "[chrf]");
  const auto& chrf = *suites[0]->metrics[0];
  std::string journal;
  for (int i = 0; i < 12; ++i) {
    const std::string reference = "la mairie ouvre le samedi matin numero " + std::to_string(i);
    const std::string output = i % 2 == 0 ? reference : "fermeture exceptionnelle " + std::to_string(i * 3);
    const auto score = chrf.Score(output, etalon::testing::SampleWithReferences({reference}));
    journal += ScoredLine("s" + std::to_string(i),
                          {{chrf.Info().name, {{"value", score.value}, {"statistics", score.statistics}}}});
  }
  etalon::config::Plan plan;
  plan.name = "p";
  auto input = OneCellInput(plan, suites);
  input.journal_path = dir.Write("results.jsonl", journal);
  const auto figure = etalon::summary::BuildSummary(input).json["results"][0]["metrics"][chrf.Info().name];
  REQUIRE(figure["ci95"].is_object());
  CHECK(figure["ci95"]["method"] == "bca-bootstrap");
  const double value = figure["value"].get<double>();
  CHECK(figure["ci95"]["low"].get<double>() < value);
  CHECK(figure["ci95"]["high"].get<double>() > value);
  CHECK(figure["ci95"]["low"].get<double>() > 0);
  CHECK(figure["ci95"]["high"].get<double>() < 100);
}

TEST_CASE("Lines handed to a summary builder give the file's summary, the end-of-run fields read at Finish",
          "[summary]") {
  etalon::testing::TempDir dir;
  auto suites = OneSuite(dir, 3, "[token_f1]");
  etalon::config::Plan plan;
  plan.name = "p";
  auto input = OneCellInput(plan, suites);
  const std::vector<std::string> lines = {Line("s0", true, 0.5, ""), Line("s1", false, 0, ""), Line("s2", true, 1.0, "")};
  std::string journal;
  for (const auto& line : lines) journal += line;
  input.journal_path = dir.Write("results.jsonl", journal);

  etalon::summary::SummaryBuilder builder(input);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    builder.AddLine(lines[i].substr(0, lines[i].size() - 1), i + 1);
  }
  input.finished_at = "2026-11-29T09:00:00.000Z";
  input.stopped = true;
  const auto handed = builder.Finish().json;
  const auto read = etalon::summary::BuildSummary(input).json;
  CHECK(handed.dump() == read.dump());
  CHECK(handed["run"]["finished_at"] == "2026-11-29T09:00:00.000Z");
  CHECK(handed["run"]["status"] == "cancelled");
  CHECK(handed["totals"]["recorded"] == 3);

  CHECK_THROWS_WITH(builder.AddLine("{\"adapter\": 1", 4),
                    Catch::StartsWith(input.journal_path + ":4: not a result line"));
}
