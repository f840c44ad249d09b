// The policy file of `etalon gate` (docs/gate.md): what a current run must
// satisfy, per suite and metric, independent of any plan. Loaded with every
// problem located (file:line, field), as plans and suites are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/diagnostic.hpp"

namespace etalon::gate {

inline constexpr std::uint64_t kDefaultGateSeed = 20261128;

struct Policy {
  // Where it is written, for errors found against the runs: "policies[i]",
  // the entry's line, and each field's line.
  std::string path;
  std::size_t line = 0;
  std::map<std::string, std::size_t> field_lines;
  std::string suite;
  std::optional<std::string> adapter;  // unset: every adapter that ran the suite
  std::optional<std::string> metric;   // needed by min, max and max_drop
  std::optional<double> min;           // absolute floor of the metric
  std::optional<double> max;           // absolute ceiling of the metric (error rates such as WER)
  std::optional<double> max_drop;      // worst accepted drop against the baseline, in the metric's units
  std::optional<double> significance;  // max_drop fails only when the paired test's p-value is below it
  std::optional<double> max_p95_latency_ms;
  std::optional<double> max_cost_per_1000;  // cost of 1,000 requests, in euros
  std::optional<double> max_error_rate;     // failed / recorded
};

struct GatePolicy {
  std::string path;
  std::uint64_t seed = kDefaultGateSeed;  // of the paired tests' resampling
  std::vector<Policy> policies;
};

// std::nullopt when anything is wrong; every problem is in `diagnostics`.
std::optional<GatePolicy> LoadGatePolicy(const std::string& path, core::Diagnostics& diagnostics);

}  // namespace etalon::gate
