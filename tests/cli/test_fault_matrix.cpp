// The fault matrix of issue #12: 10,000 requests through the openai adapter
// against `etalon simulate` injecting 5% 5xx, 2% 429 with Retry-After, 1%
// resets mid-stream, 1% malformed JSON and 1% stalls. The run must end with
// every sample recorded once, as a result or as an error whose kind matches
// the fault the simulator logged for its last attempt; the attempts it
// records must be the requests the simulator saw, within the retry policy;
// and the summary's counts must be the journal's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "etalon/core/clock.hpp"
#include "support/process.hpp"
#include "support/result_lines.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"

using etalon::testing::JsonLines;

namespace {

constexpr int kSamples = 10'000;
constexpr int kMaxAttempts = 4;
constexpr int kRetryAfterS = 1;

// Injected fault rates; their sum is 11%.
const std::map<std::string, double> kFaultRates = {
    {"http_500", 0.03},   {"http_502", 0.01},          {"http_503", 0.01},          {"http_429", 0.02},
    {"reset", 0.01},      {"malformed_json", 0.01},    {"stall_after_headers", 0.005},
    {"stall_before_headers", 0.005}};

// The error kind a request must end with when its last attempt met this fault.
const std::map<std::string, std::string> kKindOfFault = {
    {"http_500", "http_status"},  {"http_502", "http_status"},        {"http_503", "http_status"},
    {"http_429", "rate_limited"}, {"reset", "network"},               {"malformed_json", "invalid_response"},
    {"stall_after_headers", "timeout"}, {"stall_before_headers", "timeout"}};

std::string SimulatorConfig() {
  std::string faults;
  for (const auto& [name, rate] : kFaultRates) {
    faults += name + ": " + std::to_string(rate) + ", ";
  }
  return "seed: 12\nmodel: simulated-chat\nttft: {distribution: fixed, ms: 1}\nitl: {distribution: fixed, ms: 0}\n"
         "faults: {" + faults + "after_chunks: 1, retry_after_s: " + std::to_string(kRetryAfterS) + "}\n";
}

struct Attempt {
  int seq = 0;
  std::string fault;  // "" when none
  std::chrono::system_clock::time_point logged_at;
};

// The simulator writes a stalled request's line when the client leaves, which
// may come a moment after etalon exits: wait until it has `expected` lines.
std::vector<nlohmann::json> SimulatorLog(const std::string& path, std::size_t expected) {
  auto lines = JsonLines(path);
  for (int poll = 0; poll < 500 && lines.size() < expected; ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    lines = JsonLines(path);
  }
  return lines;
}

}  // namespace

TEST_CASE("Fault matrix: 10,000 requests under 11% injected faults end recorded once each, with their cause",
          "[cli][simulator][openai][faults]") {
  etalon::testing::SimulatorProcess simulator(SimulatorConfig());
  // Short timeouts keep the 1% stalls cheap, yet far above what a fault-free
  // answer takes on a loaded machine (a timed-out answer would be a fault the
  // simulator did not inject); the runner's own deadline is above one
  // request's whole retry budget, so every error comes from the adapter.
  // No model fingerprint probes: every request the simulator logs is a sample's.
  etalon::testing::SimulatedChatProject project(
      kSamples, simulator.base_url(), "concurrency: 64\nrequest_timeout_s: 120\nmax_error_rate: 1\nmodel_probes: false\n",
      ", max_attempts: " + std::to_string(kMaxAttempts) +
          ", first_byte_timeout_s: 3, timeout_s: 5, max_retry_time_s: 30");
  const auto out = project.dir.Path("run");
  const auto result =
      etalon::testing::RunEtalon({"run", project.plan, "--out", out, "-q"}, etalon::testing::LoopbackEnvironment());
  INFO(result.err);
  REQUIRE(result.exit_code == 0);

  const auto records = JsonLines(out + "/results.jsonl");
  REQUIRE(records.size() == kSamples);
  std::size_t attempts_recorded = 0;
  for (const auto& record : records) {
    attempts_recorded += record["attempts"].get<std::size_t>();
  }
  const auto log = SimulatorLog(simulator.log_path(), attempts_recorded);
  REQUIRE(log.size() == attempts_recorded);  // every request the simulator saw is an attempt etalon counted

  std::map<std::string, std::vector<Attempt>> attempts_of_prompt;  // by the prompt's sha256, in seq order
  std::map<std::string, std::size_t> faults_seen;
  for (const auto& line : log) {
    const std::string fault = line["fault"].is_null() ? "" : line["fault"].get<std::string>();
    ++faults_seen[fault];
    const auto logged_at = etalon::core::ParseUtcTimestamp(line["time"].get<std::string>());
    REQUIRE(logged_at);
    attempts_of_prompt[line["last_user_sha256"].get<std::string>()].push_back(
        {line["seq"].get<int>(), fault, *logged_at});
  }
  // Each fault was drawn at its rate (within 1 point over ~11,000 draws: over 5 standard deviations).
  for (const auto& [name, rate] : kFaultRates) {
    INFO(name << ": " << faults_seen[name] << " of " << log.size());
    CHECK(std::abs(static_cast<double>(faults_seen[name]) / static_cast<double>(log.size()) - rate) < 0.01);
  }

  std::set<std::string> samples;
  std::map<std::string, std::size_t> errors_by_kind;
  std::size_t failed = 0;
  std::size_t retried = 0;
  std::size_t retry_after_waits = 0;
  for (const auto& record : records) {
    INFO(record.dump());
    CHECK(samples.insert(record["sample"].get<std::string>()).second);  // none doubled
    auto& attempts = attempts_of_prompt[record["prompt_sha256"].get<std::string>()];
    std::sort(attempts.begin(), attempts.end(), [](const Attempt& a, const Attempt& b) { return a.seq < b.seq; });
    std::string faults_of_attempts;
    for (const auto& attempt : attempts) {
      faults_of_attempts += " [" + attempt.fault + "]";
    }
    INFO("faults of its attempts:" << faults_of_attempts);
    const int recorded_attempts = record["attempts"].get<int>();
    REQUIRE(static_cast<int>(attempts.size()) == recorded_attempts);
    CHECK(recorded_attempts >= 1);
    CHECK(recorded_attempts <= kMaxAttempts);
    retried += recorded_attempts > 1 ? 1 : 0;
    // Only failures worth another try were sent again: never an answer, nor a malformed one (it would bill twice).
    for (std::size_t i = 0; i + 1 < attempts.size(); ++i) {
      CHECK(attempts[i].fault != "");
      CHECK(attempts[i].fault != "malformed_json");
      if (attempts[i].fault == "http_429") {
        // The next attempt ended at least Retry-After after the 429. A loaded
        // simulator may stamp the 429's line late, hence 200 ms of slack: a
        // client ignoring Retry-After would retry within the first backoff
        // step (at most 500 ms), well below it.
        CHECK(attempts[i + 1].logged_at - attempts[i].logged_at >=
              std::chrono::seconds(kRetryAfterS) - std::chrono::milliseconds(200));
        ++retry_after_waits;
      }
    }
    const auto& last_fault = attempts.back().fault;
    if (record["ok"].get<bool>()) {
      CHECK(last_fault == "");
      CHECK_FALSE(record["output"].get<std::string>().empty());
    } else {
      ++failed;
      const auto& error = record["error"];
      const auto kind = error["kind"].get<std::string>();
      ++errors_by_kind[kind];
      REQUIRE(kKindOfFault.count(last_fault) == 1);
      CHECK(kind == kKindOfFault.at(last_fault));
      CHECK_FALSE(error["message"].get<std::string>().empty());
      if (kind == "http_status" || kind == "rate_limited") {
        CHECK(error["http_status"].get<int>() == std::stoi(last_fault.substr(5)));
      }
    }
  }
  CHECK(samples.size() == static_cast<std::size_t>(kSamples));
  CHECK(retried > 0);
  CHECK(retry_after_waits > 0);
  CHECK(failed > 0);  // malformed answers are final, so some requests fail

  const auto summary = nlohmann::json::parse(etalon::testing::ReadFile(out + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");
  const auto& cell = summary["results"][0];
  CHECK(cell["recorded"] == kSamples);
  CHECK(cell["failed"] == failed);
  CHECK(cell["errors_by_kind"].get<std::map<std::string, std::size_t>>() == errors_by_kind);
  CHECK(summary["totals"]["recorded"] == kSamples);
  CHECK(summary["totals"]["failed"] == failed);
  WARN("fault matrix: " << kSamples << " samples, " << log.size() << " requests, " << retried << " retried, "
                        << failed << " failed " << nlohmann::json(errors_by_kind).dump() << ", injected "
                        << nlohmann::json(faults_seen).dump());
}
