// A run plan: which adapters run which suites, how often, how hard.
// Settings carry their unit in their name; defaults sit here, and the plan as
// written and as resolved (defaults applied) both go into summary.json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/diagnostic.hpp"

namespace etalon::config {

struct AdapterConfig {
  std::string id;        // unique in the plan; used in results
  std::string kind;      // "builtin:lead", "openai", ...
  std::string preset;    // optional; meaning depends on the kind
  std::string model;     // optional; the model the adapter asks for
  std::string when_env;  // optional; the adapter is skipped when this variable is unset
  nlohmann::json options = nlohmann::json::object();  // kind-specific
  std::vector<std::string> suites;  // the plan suites this adapter runs; empty: all of them
  std::optional<std::size_t> concurrency;  // overrides the plan's for this adapter (local engines: the cores)
  // Self-hosted models: what the server costs per hour, as the buyer states
  // it; the cost is this times the measured wall time (docs/cost.md).
  std::optional<double> server_eur_per_hour;
  // Overrides whether the adapter counts as a classical baseline, the floor
  // a model must beat (docs/frugality.md); unset: decided by kind and preset.
  std::optional<bool> baseline;
  std::size_t line = 0;  // where the entry starts in the plan file
};

// Service-level objectives for goodput: a request "meets the SLO" when every
// stated limit holds; a figure the request lacks (no TTFT from a
// non-streaming adapter) counts as not met, so goodput is never flattered.
struct ServiceLevels {
  std::optional<double> ttft_ms;
  std::optional<double> tpot_ms;
  std::optional<double> end_to_end_ms;

  bool Any() const { return ttft_ms || tpot_ms || end_to_end_ms; }
};

// Spending ceilings for a run: it refuses to start when its projection
// exceeds one, and stops cleanly (resumable) when actual spending crosses it.
struct Budget {
  std::optional<double> eur;
  std::optional<double> kwh;

  bool Any() const { return eur || kwh; }
};

struct Plan {
  std::string path;  // the file it was read from
  std::string name;
  std::int64_t seed = 20261128;
  std::size_t concurrency = 8;          // requests in flight per adapter
  int repeats = 1;                      // each sample is asked this many times
  double request_timeout_s = 120;       // per request, from issue to completion
  double max_error_rate = 0;            // failed requests tolerated before exit code 3 (fraction 0..1)
  bool fsync_results = false;           // `durability: fsync`: each result reaches the disk before the next
  bool model_probes = true;             // fingerprint probes before the suites (docs/model-integrity.md)
  // Open-loop load: each adapter's requests arrive as a seeded Poisson
  // process at this rate; unset: closed loop (a new request when one ends).
  std::optional<double> arrival_rate_per_s;
  ServiceLevels slo;
  // Requests a year each suite stands for, to project costs and impacts.
  std::vector<std::pair<std::string, double>> yearly_requests;
  Budget budget;
  std::vector<AdapterConfig> adapters;
  std::vector<std::string> suites;      // suite ids
  std::size_t suites_line = 0;          // where `suites` is in the plan file
  std::string suites_dir;               // where suite files are; resolved to an existing path
  nlohmann::json as_written;            // the YAML as read, converted to JSON

  // The plan with every default applied, as JSON (for summary.json and the fingerprint).
  nlohmann::json Resolved() const;
};

struct PlanLoadResult {
  std::optional<Plan> plan;
  core::Diagnostics diagnostics;
};

// Reads and checks a plan. Relative `suites_dir` is taken from the plan's
// folder; when absent, `default_suites_dir` is used.
PlanLoadResult LoadPlan(const std::string& path, const std::string& default_suites_dir);

}  // namespace etalon::config
