// The simulator's YAML config: every key read, every mistake located.
#include <catch2/catch.hpp>

#include "etalon/simulator/simulator_config.hpp"
#include "support/temp_dir.hpp"

using etalon::core::Diagnostics;
using etalon::simulator::AnswerMode;
using etalon::simulator::LatencyKind;
using etalon::simulator::LoadSimulatorConfig;
using etalon::testing::TempDir;

namespace {

std::string Errors(const Diagnostics& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    text += diagnostic.ToString() + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("Simulator config reads every key", "[simulator][config]") {
  TempDir dir;
  dir.Write("answers.jsonl", "{\"match\": \"bonjour\", \"answer\": \"Salut.\"}\n\n");
  const auto path = dir.Write("sim.yaml",
                              "seed: 9\n"
                              "model: mistral-simulated\n"
                              "answers: {mode: first-words, first_words: 3, fixed_text: Fixe., script: answers.jsonl}\n"
                              "ttft: {distribution: lognormal, median_ms: 80, sigma: 0.4}\n"
                              "itl: {distribution: uniform, min_ms: 5, max_ms: 9}\n"
                              "faults: {http_500: 0.1, reset: 0.2, after_chunks: 4, retry_after_s: 3}\n"
                              "rate_limit_rpm: 120\n"
                              "rate_limit_burst: 5\n"
                              "embedding_dimensions: 64\n"
                              "switch: {after_requests: 10, model: other-simulated, itl: {distribution: fixed, ms: 1}}\n");
  Diagnostics diagnostics;
  const auto config = LoadSimulatorConfig(path, diagnostics);
  INFO(Errors(diagnostics));
  REQUIRE(diagnostics.empty());
  CHECK(config.seed == 9);
  CHECK(config.primary.model == "mistral-simulated");
  CHECK(config.primary.mode == AnswerMode::kFirstWords);
  CHECK(config.primary.first_words == 3);
  CHECK(config.primary.fixed_text == "Fixe.");
  REQUIRE(config.primary.script.size() == 1);
  CHECK(config.primary.script[0].answer == "Salut.");
  CHECK(config.primary.ttft.kind == LatencyKind::kLognormal);
  CHECK(config.primary.ttft.median_ms == 80);
  CHECK(config.primary.itl.kind == LatencyKind::kUniform);
  CHECK(config.primary.itl.max_ms == 9);
  CHECK(config.faults.http_500 == 0.1);
  CHECK(config.faults.reset == 0.2);
  CHECK(config.faults.after_chunks == 4);
  CHECK(config.faults.retry_after_s == 3);
  CHECK(config.rate_limit_rpm == 120);
  CHECK(config.rate_limit_burst == 5);
  CHECK(config.embedding_dimensions == 64);
  REQUIRE(config.switched);
  CHECK(config.switch_after_requests == 10);
  CHECK(config.switched->model == "other-simulated");
  CHECK(config.switched->itl.ms == 1);
  CHECK(config.switched->ttft.kind == LatencyKind::kLognormal);  // kept from the primary profile
  CHECK(config.switched->script.size() == 1);
}

TEST_CASE("Simulator config errors name the file, line and field", "[simulator][config]") {
  TempDir dir;
  const auto [yaml, expected] = GENERATE(table<std::string, std::string>({
      {"seed: 1\nmodle: x-simulated\n", "sim.yaml:2: field 'modle': unknown field"},
      {"model: gpt-4o\n", "sim.yaml:1: field 'model': 'gpt-4o' must contain 'simulated'"},
      {"ttft: {distribution: gamma}\n", "sim.yaml:1: field 'ttft.distribution': unknown distribution 'gamma'"},
      {"itl:\n  distribution: uniform\n  min_ms: 5\n", "field 'itl.max_ms': is required for this distribution"},
      {"faults:\n  http_500: 0.7\n  reset: 0.5\n", "sim.yaml:2: field 'faults': rates sum to 1.2, more than 1"},
      {"faults:\n  stall: 0.1\n", "sim.yaml:2: field 'faults.stall': unknown field"},
      {"answers: {mode: parrot}\n", "field 'answers.mode': unknown mode 'parrot'"},
      {"switch: {model: b-simulated}\n", "field 'switch.after_requests': is required"},
      {"switch: {after_requests: 1, model: claude-3}\n", "field 'switch.model': 'claude-3' must contain 'simulated'"},
  }));
  const auto path = dir.Write("sim.yaml", yaml);
  Diagnostics diagnostics;
  LoadSimulatorConfig(path, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK_THAT(diagnostics[0].ToString(), Catch::Contains(expected));
}

TEST_CASE("Simulator config reports bad answer script lines with their line", "[simulator][config]") {
  TempDir dir;
  dir.Write("s.jsonl",
            "{\"match\": \"a\", \"answer\": \"ok\"}\n"
            "not json\n"
            "{\"answer\": \"no condition\"}\n"
            "{\"match\": \"a\", \"reply\": \"x\", \"answer\": \"y\"}\n"
            "{\"prompt_sha256\": \"ABC\", \"answer\": \"y\"}\n");
  const auto path = dir.Write("sim.yaml", "answers: {script: s.jsonl}\n");
  Diagnostics diagnostics;
  const auto config = LoadSimulatorConfig(path, diagnostics);
  const auto text = Errors(diagnostics);
  CHECK_THAT(text, Catch::Contains("s.jsonl:2: not a JSON object"));
  CHECK_THAT(text, Catch::Contains("s.jsonl:3: needs exactly one of match, prompt_sha256, file_sha256"));
  CHECK_THAT(text, Catch::Contains("s.jsonl:4: field 'reply': unknown field"));
  CHECK_THAT(text, Catch::Contains("s.jsonl:5: field 'prompt_sha256': must be 64 lowercase hex digits"));
  CHECK(diagnostics.size() == 4);
}
