// `etalon run` records a model fingerprint and `etalon verify-model` asks its
// probes again, over real loopback sockets against `etalon simulate`. The
// simulator's `switch` profile stands for the vendor between March (the
// run) and June (the verification): it changes after the run's requests.
// Issue #14: swap, visible id change and latency drift detected; an
// unchanged simulator raises no alarm in 20 verifications.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/mini_project.hpp"
#include "support/process.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::SimulatorProcess;
using etalon::testing::TempDir;

namespace {

// Loopback requests must never go through a proxy the machine may have set.
const std::vector<std::string>& kNoProxy = etalon::testing::LoopbackEnvironment();
constexpr int kSamples = 2;
// The shipped probe file: 6 probes asked 3 times each, before the suite's samples.
constexpr int kRunRequests = 6 * 3 + kSamples;

// The primary profile: fast, fixed latencies, echoed answers.
std::string SimulatorConfig(const std::string& june) {
  std::string config = "seed: 3\nmodel: simulated-chat\nttft: {distribution: fixed, ms: 5}\n"
                       "itl: {distribution: fixed, ms: 1}\n";
  if (!june.empty()) {
    config += "switch:\n  after_requests: " + std::to_string(kRunRequests) + "\n" + june;
  }
  return config;
}

// A chat suite of kSamples questions and a plan with one openai adapter `sim` and the builtin echo.
struct VendorProject {
  TempDir dir;
  std::string plan;

  VendorProject(const std::string& base_url, const std::string& plan_extra = "") {
    std::string data;
    for (int i = 0; i < kSamples; ++i) {
      data += "{\"id\": \"q" + std::to_string(i) + "\", \"question\": \"Question " + std::to_string(i) +
              " sur la carte grise\", \"reference\": \"carte grise\"}\n";
    }
    dir.Write("datasets/d.jsonl", data);
    dir.Write("suites/s.yaml", "id: s\ntask: chat\ndataset: ../datasets/d.jsonl\ntemplate: \"{{question}}\"\n"
                               "metrics: [token_f1]\n");
    plan = dir.Write("plans/p.yaml", "name: p\nseed: 7\n" + plan_extra +
                                         "suites: [s]\nadapters:\n  - id: sim\n    kind: openai\n"
                                         "    model: simulated-chat\n    options: {base_url: " +
                                         base_url + "}\n  - id: echo\n    kind: builtin:echo\n    suites: [s]\n");
  }

  std::string Run() const {
    const auto out = dir.Path("run");
    const auto result = RunEtalon({"run", plan, "--out", out, "-q"}, kNoProxy);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return out;
  }
};

std::size_t LogLines(const std::string& path) {
  std::istringstream text(ReadFile(path));
  std::size_t lines = 0;
  for (std::string line; std::getline(text, line);) lines += line.empty() ? 0 : 1;
  return lines;
}

nlohmann::json Verification(const std::string& run) {
  return nlohmann::json::parse(ReadFile(run + "/model_verification_sim.json"));
}

}  // namespace

TEST_CASE("etalon run stores a model fingerprint per HTTP adapter, in summary.json and both reports",
          "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig(""));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  CHECK(LogLines(simulator.log_path()) == kRunRequests);

  const auto record = nlohmann::json::parse(ReadFile(run + "/model_fingerprints.json"));
  const auto& sim = record["adapters"]["sim"];
  CHECK(sim["observations"].size() == 18);
  CHECK(sim["observations"][0]["served_model"] == "simulated-chat");
  CHECK(sim["observations"][0]["system_fingerprint"] == "fp_sim_primary");
  CHECK(sim["observations"][0]["ttft_ms"].is_number());
  CHECK(sim["logprobs"] == "not offered");
  CHECK(sim["adapter_config"]["kind"] == "openai");
  CHECK(record["not_probed"]["echo"] == "local-adapter");

  const auto summary = nlohmann::json::parse(ReadFile(run + "/summary.json"));
  const auto& digest = summary["model_fingerprints"]["adapters"]["sim"];
  CHECK(digest["answers_digest"] == sim["digest"]["answers_digest"]);
  CHECK(digest["served_models"] == nlohmann::json::array({"simulated-chat"}));
  CHECK(digest["repeat_agreement"] == 1.0);
  CHECK(digest["latency_ms"]["ttft"]["p50"].is_number());
  CHECK(digest["tokens"]["output"].get<int>() > 0);
  // The probes are not results: the suite's cell has its own samples only.
  CHECK(summary["results"][0]["recorded"] == kSamples);

  const auto answers_digest = digest["answers_digest"].get<std::string>();
  CHECK_THAT(ReadFile(run + "/report.html"), Catch::Contains("Empreintes des modèles") && Catch::Contains(answers_digest));
  CHECK_THAT(ReadFile(run + "/report.md"), Catch::Contains("Empreintes des modèles") && Catch::Contains(answers_digest));

  // A resume does not ask the probes again.
  const auto resumed = RunEtalon({"run", project.plan, "--out", run, "--resume", "-q"}, kNoProxy);
  CHECK(resumed.exit_code == 0);
  CHECK(LogLines(simulator.log_path()) == kRunRequests);
  CHECK(nlohmann::json::parse(ReadFile(run + "/model_fingerprints.json"))["adapters"]["sim"] == sim);
}

TEST_CASE("model_probes: false leaves the probes out", "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig(""));
  VendorProject project(simulator.base_url(), "model_probes: false\n");
  const auto run = project.Run();
  CHECK(LogLines(simulator.log_path()) == kSamples);
  const auto summary = nlohmann::json::parse(ReadFile(run + "/summary.json"));
  CHECK(summary["model_fingerprints"]["adapters"].empty());
  CHECK(summary["model_fingerprints"]["not_probed"]["sim"] == "probes-off");
  const auto verify = RunEtalon({"verify-model", run, "--adapter", "sim"}, kNoProxy);
  CHECK(verify.exit_code == 2);
  CHECK_THAT(verify.err, Catch::Contains("adapter 'sim' was not probed: the plan sets model_probes: false"));
}

TEST_CASE("verify-model finds a silent swap: same model id, other answers", "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig("  answers: {mode: first-words, first_words: 2}\n"));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  const auto result = RunEtalon({"verify-model", run, "--adapter", "sim"}, kNoProxy);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("Verdict : différent") && Catch::Contains("→ désaccord"));
  const auto comparison = Verification(run)["comparison"];
  CHECK(comparison["verdict"] == "different");
  CHECK(comparison["model"]["changed"] == false);
  CHECK(comparison["answers"]["disagree"] == true);
  CHECK(comparison["answers"]["cross_agreeing"] == 0);
  CHECK(comparison["system_fingerprint"]["changed"] == true);  // fp_sim_switched: noted as evidence
}

TEST_CASE("verify-model finds a visible model id change", "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig("  model: simulated-other\n"));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  const auto result = RunEtalon({"verify-model", run, "--adapter", "sim", "--lang", "en"}, kNoProxy);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("Verdict: different") &&
                             Catch::Contains("reported model: before simulated-chat, now simulated-other (changed)"));
  const auto comparison = Verification(run)["comparison"];
  CHECK(comparison["verdict"] == "different");
  CHECK(comparison["model"]["changed"] == true);
  CHECK(comparison["answers"]["disagree"] == false);
}

TEST_CASE("verify-model calls slower answers with the same text a drift", "[cli][integrity][simulator]") {
  SimulatorProcess simulator(
      SimulatorConfig("  ttft: {distribution: fixed, ms: 100}\n  itl: {distribution: fixed, ms: 15}\n"));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  const auto out = project.dir.Path("june.json");
  const auto result = RunEtalon({"verify-model", run, "--adapter", "sim", "--out", out}, kNoProxy);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("Verdict : dérivé"));
  const auto comparison = nlohmann::json::parse(ReadFile(out))["comparison"];
  CHECK(comparison["verdict"] == "drifted");
  CHECK(comparison["answers"]["disagree"] == false);
  CHECK(comparison["distributions"][0]["figure"] == "ttft_ms");
  CHECK(comparison["distributions"][0]["moved"] == true);
  CHECK(comparison["distributions"][1]["moved"] == true);  // tpot_ms
}

TEST_CASE("verify-model raises no alarm in 20 verifications of an unchanged simulator",
          "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig(""));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  for (int verification = 0; verification < 20; ++verification) {
    const auto result = RunEtalon({"verify-model", run, "--adapter", "sim"}, kNoProxy);
    INFO("verification " << verification << "\n" << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    REQUIRE(Verification(run)["comparison"]["verdict"] == "same");
  }
}

TEST_CASE("verify-model refuses bad input with exit code 2", "[cli][integrity]") {
  etalon::testing::MiniProject project;
  const auto out = project.Out();
  REQUIRE(RunEtalon({"run", project.plan, "--out", out, "-q"}).exit_code == 0);
  const auto local = RunEtalon({"verify-model", out, "--adapter", "echo"});
  CHECK(local.exit_code == 2);
  CHECK_THAT(local.err, Catch::Contains("adapter 'echo' was not probed: local adapter"));
  const auto unknown = RunEtalon({"verify-model", project.dir.Path("nowhere"), "--adapter", "sim"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("model_fingerprints.json: no model fingerprint in this run folder"));
  const auto no_adapter = RunEtalon({"verify-model", out});
  CHECK(no_adapter.exit_code == 2);
}

TEST_CASE("verify-model refuses an adapter whose configuration changed since the run", "[cli][integrity][simulator]") {
  SimulatorProcess simulator(SimulatorConfig(""));
  VendorProject project(simulator.base_url());
  const auto run = project.Run();
  auto plan = ReadFile(project.plan);
  plan.replace(plan.find("model: simulated-chat"), 21, "model: simulated-next");
  project.dir.Write("plans/p.yaml", plan);
  const auto result = RunEtalon({"verify-model", run, "--adapter", "sim"}, kNoProxy);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("field '/model' changed since the run (was \"simulated-chat\", now "
                                         "\"simulated-next\")"));
}
