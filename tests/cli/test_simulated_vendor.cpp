// The HTTP adapters end to end over real loopback sockets: `etalon run`
// against `etalon simulate` in another process: plans/simulated.yaml as
// shipped, every endpoint, budgets, and measured TTFT against the
// simulator's own log. Faults: test_fault_matrix.cpp; keys: test_secret_hygiene.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/result_lines.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::JsonLines;
using etalon::testing::LoopbackEnvironment;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::SimulatedChatProject;
using etalon::testing::SimulatorProcess;
using etalon::testing::TempDir;

namespace {

const std::string kSourceDir = ETALON_SOURCE_DIR;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("plans/simulated.yaml runs resume-administratif through the openai adapter against the simulator",
          "[cli][simulator][openai]") {
  SimulatorProcess simulator(ReadFile(kSourceDir + "/plans/simulated-server.yaml"));
  TempDir dir;
  const auto plan = dir.Write(
      "simulated.yaml",
      Replace(ReadFile(kSourceDir + "/plans/simulated.yaml"), "http://127.0.0.1:18181/v1", simulator.base_url()));
  const auto out = dir.Path("run");
  const auto result = RunEtalon({"run", plan, "--out", out, "--limit", "24", "-q"}, LoopbackEnvironment());
  INFO(result.err);
  REQUIRE(result.exit_code == 0);

  const auto summary = nlohmann::json::parse(ReadFile(out + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");
  const auto& cell = summary["results"][0];
  CHECK(cell["suite"] == "resume-administratif");
  CHECK(cell["recorded"] == 24);
  CHECK(cell["failed"] == 0);
  CHECK(cell["metrics"]["rougeL"]["n"] == 24);
  CHECK(cell["latency_ms"]["ttft"]["n"] == 24);
  CHECK(cell["latency_ms"]["inter_chunk"]["n"].get<int>() > 24);
  CHECK(cell["throughput"]["goodput"]["fraction"].is_number());
  // Cost from the catalog's fixture price, energy and carbon from EcoLogits, each labelled.
  CHECK(cell["cost"]["basis"] == "token-prices");
  CHECK(cell["cost"]["eur"].get<double>() > 0);
  CHECK(cell["cost"]["per_year_eur"].get<double>() > 0);
  CHECK(cell["energy"]["estimated"]["methods"] == nlohmann::json::array({"ecologits-0.9.1"}));
  CHECK(cell["energy"]["measured"].is_null());
  CHECK(cell["carbon"]["low_kgco2eq"].get<double>() < cell["carbon"]["high_kgco2eq"].get<double>());
  CHECK(cell["carbon"]["measured"] == false);
  for (const auto& record : JsonLines(out + "/results.jsonl")) {
    CHECK(record["served_model"] == "simulated-chat");
    CHECK(record["system_fingerprint"] == "fp_sim_primary");
    CHECK(record["usage"]["estimated"] == false);  // the stream carried usage
  }
  CHECK(std::filesystem::exists(out + "/report.html"));
}

// Differences between etalon's TTFT and the simulator's for one run: the
// first wave (64 requests) also opens the 64 connections, which the
// simulator cannot see, so `warm` holds the requests after it.
struct TtftDifferences {
  std::vector<double> warm;
  std::vector<double> all;
};

TtftDifferences MeasureTtft() {
  SimulatorProcess simulator("model: simulated-chat\nanswers: {mode: fixed, fixed_text: Une réponse de dix mots "
                             "pour mesurer le premier jeton ici.}\nttft: {distribution: fixed, ms: 40}\n"
                             "itl: {distribution: fixed, ms: 4}\n");
  // No model fingerprint probes: the first wave must be the run's first 64 requests.
  SimulatedChatProject project(256, simulator.base_url(), "concurrency: 64\nmodel_probes: false\n", "");
  const auto out = project.dir.Path("run");
  const auto result = RunEtalon({"run", project.plan, "--out", out, "-q"}, LoopbackEnvironment());
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // Join each result to the simulator's line by the prompt's sha256.
  std::map<std::string, std::pair<int, double>> true_ttft;  // seq, ttft
  for (const auto& line : JsonLines(simulator.log_path())) {
    true_ttft[line["last_user_sha256"].get<std::string>()] = {line["seq"].get<int>(), line["ttft_ms"].get<double>()};
  }
  TtftDifferences differences;
  for (const auto& record : JsonLines(out + "/results.jsonl")) {
    const auto found = true_ttft.find(record["prompt_sha256"].get<std::string>());
    REQUIRE(found != true_ttft.end());
    const double difference = std::abs(record["timing"]["ttft_ms"].get<double>() - found->second.second);
    differences.all.push_back(difference);
    if (found->second.first > 64) {
      differences.warm.push_back(difference);
    }
  }
  REQUIRE(differences.all.size() == 256);
  REQUIRE(differences.warm.size() == 192);
  std::sort(differences.all.begin(), differences.all.end());
  std::sort(differences.warm.begin(), differences.warm.end());
  return differences;
}

double Quantile(const std::vector<double>& sorted, double share) {
  return sorted[static_cast<std::size_t>(share * static_cast<double>(sorted.size() - 1))];
}

// Labelled `timing` and run alone by ctest (tests/CMakeLists.txt): another
// process on the CPU only ever adds delay, so the best of up to five runs is
// taken as the measurement of etalon's own error.
TEST_CASE("Measured TTFT matches the simulator's own log at concurrency 64", "[cli][simulator][openai][timing]") {
  double best_median = 1e9;
  for (int attempt = 1; attempt <= 5 && best_median > 2.0; ++attempt) {
    const auto differences = MeasureTtft();
    const double median = Quantile(differences.warm, 0.5);
    best_median = std::min(best_median, median);
    WARN("TTFT |etalon - simulator log| at concurrency 64, run " << attempt << ", warm connections: median "
         << median << " ms, p90 " << Quantile(differences.warm, 0.9) << " ms; with the first wave: median "
         << Quantile(differences.all, 0.5) << " ms, p90 " << Quantile(differences.all, 0.9) << " ms, max "
         << differences.all.back() << " ms");
  }
#if defined(__SANITIZE_ADDRESS__)
  SUCCEED("under AddressSanitizer the figures are printed, not held to the 2 ms bound");
#else
  CHECK(best_median <= 2.0);
#endif
}

TEST_CASE("Every endpoint answers through its adapter over loopback, streamed and whole",
          "[cli][simulator][openai][anthropic]") {
  SimulatorProcess simulator("model: simulated-chat\nttft: {distribution: fixed, ms: 2}\n"
                             "itl: {distribution: fixed, ms: 1}\n");
  TempDir dir;
  const auto url = simulator.base_url();
  const std::string corpus = kSourceDir + "/datasets/rag-service-public/corpus.jsonl";
  const auto plan = dir.Write(
      "endpoints.yaml",
      "name: endpoints\nsuites: [qa-demarches, rag-service-public, transcription-accueil]\nadapters:\n"
      "  - {id: chat-stream, kind: openai, model: simulated-chat, suites: [qa-demarches],\n"
      "     options: {base_url: " + url + ", stream: true}}\n"
      "  - {id: chat-whole, kind: openai, model: simulated-chat, suites: [qa-demarches],\n"
      "     options: {base_url: " + url + ", stream: false}}\n"
      "  - {id: messages-stream, kind: anthropic, model: simulated-chat, suites: [qa-demarches],\n"
      "     options: {base_url: " + url + ", api_key_env: ETALON_TEST_ANTHROPIC_KEY, stream: true}}\n"
      "  - {id: messages-whole, kind: anthropic, model: simulated-chat, suites: [qa-demarches],\n"
      "     options: {base_url: " + url + ", api_key_env: ETALON_TEST_ANTHROPIC_KEY, stream: false}}\n"
      "  - {id: embeddings, kind: openai, model: simulated-chat, suites: [rag-service-public],\n"
      "     options: {base_url: " + url + ", endpoint: embeddings, corpus: " + corpus + "}}\n"
      "  - {id: transcriptions, kind: openai, model: simulated-chat, suites: [transcription-accueil],\n"
      "     options: {base_url: " + url + ", endpoint: transcription}}\n");
  const auto out = dir.Path("run");
  auto environment = LoopbackEnvironment();
  environment.push_back("ETALON_TEST_ANTHROPIC_KEY=test-key");
  const auto result = RunEtalon({"run", plan, "--out", out, "--limit", "3", "-q"}, environment);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, int> answered;
  for (const auto& record : JsonLines(out + "/results.jsonl")) {
    INFO(record.dump());
    CHECK(record["ok"] == true);
    ++answered[record["adapter"].get<std::string>()];
  }
  for (const char* adapter :
       {"chat-stream", "chat-whole", "messages-stream", "messages-whole", "embeddings", "transcriptions"}) {
    CHECK(answered[adapter] == 3);
  }
  std::set<std::string> endpoints;
  for (const auto& line : JsonLines(simulator.log_path())) {
    endpoints.insert(line["endpoint"].get<std::string>() + (line["stream"].get<bool>() ? " stream" : ""));
  }
  CHECK(endpoints == std::set<std::string>{"/v1/chat/completions", "/v1/chat/completions stream", "/v1/messages",
                                           "/v1/messages stream", "/v1/embeddings", "/v1/audio/transcriptions"});
}

TEST_CASE("A budget refuses a run projected above it, and stops a run that crosses it, resumably",
          "[cli][simulator][openai][cost]") {
  // Answers of 2,000 words: eight times the 256 output tokens the projection assumes.
  std::string long_answer;
  for (int i = 0; i < 2000; ++i) {
    long_answer += " mot";
  }
  SimulatorProcess simulator("model: simulated-chat\nanswers: {mode: fixed, fixed_text: \"" + long_answer +
                             "\"}\nttft: {distribution: fixed, ms: 1}\nitl: {distribution: fixed, ms: 0}\n");
  // Projection: 40 x (10 x 1.00 + 256 x 2.00) / 10^6 = 0.0209 EUR; actual about 0.16 EUR.
  SimulatedChatProject refused(40, simulator.base_url(), "concurrency: 4\nbudget: {eur: 0.01}\n", "");
  const auto refused_run = RunEtalon({"run", refused.plan, "--out", refused.dir.Path("run")}, LoopbackEnvironment());
  CHECK(refused_run.exit_code == 2);
  CHECK_THAT(refused_run.err, Catch::Contains("projected cost 0.0209 EUR is above the plan's budget of 0.0100 EUR"));
  CHECK_FALSE(std::filesystem::exists(refused.dir.Path("run")));

  SimulatedChatProject project(40, simulator.base_url(), "concurrency: 4\nbudget: {eur: 0.03}\n", "");
  const auto out = project.dir.Path("run");
  const auto stopped = RunEtalon({"run", project.plan, "--out", out, "-q"}, LoopbackEnvironment());
  CHECK(stopped.exit_code == 3);
  CHECK_THAT(stopped.err, Catch::Contains("budget reached: spent"));
  const auto partial = JsonLines(out + "/results.jsonl").size();
  CHECK(partial < 40);
  CHECK(partial >= 7);  // 0.004 EUR a request: the eighth crosses 0.03 EUR

  project.dir.Write("plans/p.yaml", Replace(ReadFile(project.plan), "budget: {eur: 0.03}", "budget: {eur: 1.0}"));
  const auto resumed = RunEtalon({"run", project.plan, "--out", out, "--resume", "-q"}, LoopbackEnvironment());
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  std::set<std::string> samples;
  for (const auto& record : JsonLines(out + "/results.jsonl")) {
    CHECK(samples.insert(record["sample"].get<std::string>()).second);
  }
  CHECK(samples.size() == 40);
}

TEST_CASE("The model probes' cost counts against the budget: probes that cross it stop the run before the suites",
          "[cli][simulator][openai][cost]") {
  SimulatorProcess simulator(
      "model: simulated-chat\nanswers: {mode: fixed, fixed_text: \"oui\"}\nttft: {distribution: fixed, ms: 1}\n");
  // One sample of at most one output token projects far under the budget;
  // the 18 probe requests (16 tokens each) cost more than it on their own.
  SimulatedChatProject project(1, simulator.base_url(), "budget: {eur: 0.0002}\n", "");
  project.dir.Write("suites/s.yaml", ReadFile(project.dir.Path("suites/s.yaml")) + "generation: {max_tokens: 1}\n");
  const auto out = project.dir.Path("run");
  const auto run = RunEtalon({"run", project.plan, "--out", out, "-q"}, LoopbackEnvironment());
  INFO(run.err);
  const auto probes = nlohmann::json::parse(ReadFile(out + "/model_fingerprints.json"));
  const double probes_eur = probes["adapters"].begin().value()["cost"]["eur"].get<double>();
  REQUIRE(probes_eur > 0.0002);
  CHECK(run.exit_code == 3);
  CHECK_THAT(run.err, Catch::Contains("budget reached: spent"));
  CHECK(JsonLines(out + "/results.jsonl").empty());
}
