// What the simulator answers and how: model ids, answer source, latency
// profiles, fault rates, rate limit. Read from YAML by LoadSimulatorConfig;
// docs/simulator.md is the reference for every key and wins over comments here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/diagnostic.hpp"

namespace etalon::simulator {

enum class LatencyKind { kFixed, kUniform, kNormal, kLognormal };

// One delay distribution in milliseconds; only the fields of `kind` are used.
struct LatencyDistribution {
  LatencyKind kind = LatencyKind::kFixed;
  double ms = 0;         // fixed
  double min_ms = 0;     // uniform
  double max_ms = 0;     // uniform
  double mean_ms = 0;    // normal (truncated at 0)
  double stddev_ms = 0;  // normal
  double median_ms = 0;  // lognormal: exp(mu)
  double sigma = 0;      // lognormal: the log's standard deviation
};

enum class AnswerMode { kEcho, kFirstWords, kFixed };

// One line of the answer script: the first line whose condition holds answers.
struct ScriptEntry {
  std::string match;          // substring of the last user message
  std::string prompt_sha256;  // sha256 of the last user message
  std::string file_sha256;    // sha256 of an uploaded audio file (transcriptions)
  std::string answer;
  std::size_t line = 0;
};

// Who answers: the model id reported, where answers come from, how fast.
struct Profile {
  std::string model = "etalon-simulated";
  AnswerMode mode = AnswerMode::kEcho;
  int first_words = 8;
  std::string fixed_text = "Réponse simulée.";
  std::string script_path;  // as resolved (relative to the config file)
  std::vector<ScriptEntry> script;
  LatencyDistribution ttft{LatencyKind::kFixed, 5};
  LatencyDistribution itl{LatencyKind::kFixed, 1};
};

// Probabilities per model request (they must sum to at most 1).
struct FaultRates {
  double http_500 = 0;
  double http_502 = 0;
  double http_503 = 0;
  double http_429 = 0;
  double reset = 0;
  double malformed_json = 0;
  double stall_after_headers = 0;
  double stall_before_headers = 0;
  int after_chunks = 2;   // a reset comes after, a malformed event at, this many content chunks
  int retry_after_s = 1;  // Retry-After of injected 429s
  // Injected error bodies quote the credentials received, plain and in
  // base64, as a careless vendor might: to prove clients keep them out of
  // their records. Never written to the simulator's own log.
  bool echo_credentials = false;
};

struct SimulatorConfig {
  std::uint64_t seed = 0;
  Profile primary;
  // From request number `switch_after_requests` + 1 on, `switched` answers.
  std::optional<Profile> switched;
  std::uint64_t switch_after_requests = 0;
  FaultRates faults;
  double rate_limit_rpm = 0;  // 0: no limit
  int rate_limit_burst = 0;   // bucket size; 0: one minute's worth
  int embedding_dimensions = 256;
};

// Reads `path`; every problem is added to `diagnostics` (file:line:field)
// and the returned config is then not to be used.
SimulatorConfig LoadSimulatorConfig(const std::string& path, core::Diagnostics& diagnostics);

}  // namespace etalon::simulator
