// API keys (issue #12, item 5): read from the environment or from a private
// file only, and found in no artifact of a run, plain, in base64 or in
// base64url, even when the vendor's error bodies echo them back.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/result_lines.hpp"
#include "support/secret_scan.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"

using etalon::testing::FindSecret;
using etalon::testing::LoopbackEnvironment;
using etalon::testing::RunEtalon;
using etalon::testing::SimulatedChatProject;
using etalon::testing::SimulatorProcess;

namespace {

// '~~~' and '???' make '+' and '/' in base64, so base64url differs; no
// character here is escaped in HTML, XML, JSON or CSV.
const std::string kKey = "sk-etalon-4f1d0c9e~~~???";
const std::string kKeyFragment = "4f1d0c9e";

// A simulator whose injected errors (a third of requests) quote the credentials they received.
constexpr const char* kEchoingSimulator =
    "model: simulated-chat\nttft: {distribution: fixed, ms: 1}\n"
    "faults: {http_500: 0.2, http_429: 0.1, retry_after_s: 0, echo_credentials: true}\n";

// Runs the project, renders every report of the run and publishes it, then
// checks that no file of any of it, nor the commands' output, holds the key.
void RunAndScan(SimulatedChatProject& project, const std::vector<std::string>& environment,
                const std::string& simulator_log) {
  const auto out = project.dir.Path("run");
  const auto run = RunEtalon({"run", project.plan, "--out", out}, environment);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto report = RunEtalon({"report", out}, environment);
  REQUIRE(report.exit_code == 0);
  const auto site = project.dir.Path("site");
  const auto publish = RunEtalon({"publish", out, "--site", site}, environment);
  INFO(publish.err);
  REQUIRE(publish.exit_code == 0);
  REQUIRE(std::filesystem::exists(out + "/junit.xml"));

  // The key did reach the simulator and came back in error bodies, redacted.
  std::size_t echoed = 0;
  for (const auto& record : etalon::testing::JsonLines(out + "/results.jsonl")) {
    if (!record["ok"].get<bool>()) {
      const auto message = record["error"]["message"].get<std::string>();
      echoed += message.find("Received authorization: [redacted] (base64 [redacted])") != std::string::npos ? 1 : 0;
    }
  }
  CHECK(echoed > 0);

  const auto forms = etalon::testing::SecretForms(kKey);
  for (const auto* output : {&run.out, &run.err, &report.out, &report.err, &publish.out, &publish.err}) {
    for (const auto& form : forms) {
      CHECK(output->find(form) == std::string::npos);
    }
    CHECK(output->find(kKeyFragment) == std::string::npos);
  }
  std::size_t files = 0;
  for (const auto& folder : {out, site, std::filesystem::path(simulator_log).parent_path().string()}) {
    std::size_t scanned = 0;
    CHECK(FindSecret(folder, kKey, scanned).empty());
    CHECK(FindSecret(folder, kKeyFragment, scanned).empty());
    files += scanned;
  }
  // run.json, results.jsonl, summary.json, report.html, report.md, results.csv, junit.xml, the site's pages and
  // evidence, the simulator's config and log.
  CHECK(files >= 12);
}

}  // namespace

TEST_CASE("The secret scan knows the key's encoded forms", "[secrets]") {
  CHECK(etalon::testing::SecretForms("sk-etalon-test-4f1d0c9e7b2a")[1] == "c2stZXRhbG9uLXRlc3QtNGYxZDBjOWU3YjJh");
  const auto forms = etalon::testing::SecretForms(kKey);
  CHECK(forms[1] == "c2stZXRhbG9uLTRmMWQwYzllfn5+Pz8/");
  CHECK(forms[2] == "c2stZXRhbG9uLTRmMWQwYzllfn5-Pz8_");
}

TEST_CASE("A key from the environment reaches no artifact of a run, even echoed back by the vendor",
          "[cli][simulator][openai][secrets]") {
  SimulatorProcess simulator(kEchoingSimulator);
  SimulatedChatProject project(30, simulator.base_url(), "max_error_rate: 1\n",
                               ", api_key_env: ETALON_TEST_VENDOR_KEY, max_attempts: 1");
  auto environment = LoopbackEnvironment();
  environment.push_back("ETALON_TEST_VENDOR_KEY=" + kKey);
  RunAndScan(project, environment, simulator.log_path());
}

TEST_CASE("A key from a private api_key_file reaches no artifact of a run either", "[cli][simulator][openai][secrets]") {
  SimulatorProcess simulator(kEchoingSimulator);
  SimulatedChatProject project(30, simulator.base_url(), "max_error_rate: 1\n",
                               ", api_key_file: ../secrets/vendor.key, max_attempts: 1");
  const auto key_file = project.dir.Write("secrets/vendor.key", kKey + "\n");
  REQUIRE(::chmod(key_file.c_str(), 0600) == 0);
  RunAndScan(project, LoopbackEnvironment(), simulator.log_path());
}

TEST_CASE("An api_key_file others may read, or set beside api_key_env, is refused naming the file",
          "[cli][secrets]") {
  SimulatedChatProject project(3, "http://127.0.0.1:9/v1", "", ", api_key_file: ../secrets/vendor.key");
  const auto key_file = project.dir.Write("secrets/vendor.key", kKey + "\n");
  const auto out = project.dir.Path("run");

  REQUIRE(::chmod(key_file.c_str(), 0640) == 0);
  auto result = RunEtalon({"run", project.plan, "--out", out}, LoopbackEnvironment());
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("adapters.sim.options.api_key_file") &&
                             Catch::Contains("vendor.key: the key file has mode 0640") &&
                             Catch::Contains("chmod 600"));
  CHECK(result.err.find(kKeyFragment) == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));

  const std::string both = ", api_key_env: ETALON_TEST_VENDOR_KEY, api_key_file: ../secrets/vendor.key";
  SimulatedChatProject conflicting(3, "http://127.0.0.1:9/v1", "", both);
  conflicting.dir.Write("secrets/vendor.key", kKey);
  result = RunEtalon({"run", conflicting.plan, "--out", conflicting.dir.Path("run")}, LoopbackEnvironment());
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("set api_key_env or api_key_file, not both"));
}
