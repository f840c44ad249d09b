// A model fingerprint: what a vendor's API answered to the fixed probes
// (probe_set.hpp), each asked several times with deterministic settings:
// the answers and their hashes, token counts, latencies, and the model id
// and system_fingerprint the API reported. Distinct from the run's
// configuration fingerprint (run/fingerprint.hpp): this one describes the
// model behind the API, not the plan. See docs/model-integrity.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/adapter.hpp"
#include "etalon/integrity/probe_set.hpp"
#include "etalon/meters/request_costing.hpp"

namespace etalon::integrity {

// The adapter interface carries no token log-probabilities, so none are
// asked for; the fingerprint says so rather than leaving the field out.
inline constexpr const char* kLogprobsNotOffered = "not offered";

// One answer to one probe.
struct ProbeObservation {
  std::string probe;
  int repeat = 0;
  bool ok = false;
  std::string error;           // kind and message when the request failed
  std::string output;          // untrusted model text
  std::string output_sha256;   // of the output's bytes; empty on error
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  bool tokens_estimated = false;
  std::optional<double> ttft_ms;
  std::optional<double> tpot_ms;
  double end_to_end_ms = 0;
  std::string served_model;
  std::string system_fingerprint;
};

struct ModelFingerprint {
  std::string adapter;
  ProbeSet probe_set;
  std::string collected_at;  // UTC, when the first probe was sent
  std::string logprobs = kLogprobsNotOffered;
  std::vector<ProbeObservation> observations;  // repeat-major: every probe once, then again
  // What the probes cost, kept apart from the suites' figures: null when no catalog price applies.
  std::optional<double> cost_eur;
  std::size_t requests_priced = 0;

  nlohmann::ordered_json ToJson() const;
  // std::nullopt with `error` set when a field is missing or mistyped.
  static std::optional<ModelFingerprint> FromJson(const nlohmann::json& json, std::string& error);

  // The short form for summary.json and reports: probe set version and
  // sha256, the sorted set of answer hashes and their digest, served models,
  // system fingerprints, repeat agreement, latency quantiles, token counts.
  nlohmann::ordered_json Digest() const;
};

// Asks every probe `repeats` times through `adapter`, one request at a time
// so that latency is the model's and not a queue's. A request still open
// after `timeout` is recorded as a timeout. `costing` may be null.
ModelFingerprint CollectModelFingerprint(core::Adapter& adapter, const ProbeSet& probes,
                                         std::chrono::milliseconds timeout, const meters::RequestCosting* costing);

// Fraction of pairs of repeats of the same probe whose answers are
// identical, over every probe: the vendor's own nondeterminism. Null when
// no probe has two successful answers.
std::optional<double> RepeatAgreement(const std::vector<ProbeObservation>& observations);

}  // namespace etalon::integrity
