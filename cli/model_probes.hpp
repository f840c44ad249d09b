// The model fingerprint side of `etalon run` and `etalon verify-model`:
// which adapters are probed, where the probes and the stored fingerprints
// are (RUN_DIR/model_fingerprints.json), and the digest summary.json shows.
// Distinct from run.json's configuration fingerprint. docs/model-integrity.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/core/adapter.hpp"
#include "etalon/integrity/model_fingerprint.hpp"
#include "etalon/meters/request_costing.hpp"
#include "plan_setup.hpp"

namespace etalon::cli {

inline constexpr const char* kModelFingerprintsFile = "model_fingerprints.json";
inline constexpr int kModelFingerprintsSchemaVersion = 1;

// suites/probes/model-fingerprint.yaml under the data root.
std::string DefaultProbeSetPath();

// Why an adapter gets no probes, as a code stored in model_fingerprints.json
// and worded by reports::NotProbedReason: "local-adapter", "not-chat-endpoint",
// "image-input" ("probes-off" when the plan turns them off); empty when it gets them.
std::string ProbeSkipReason(const config::AdapterConfig& config);

// True when the plan probes at least one of its adapters.
bool NeedsProbes(const LoadedPlan& loaded);

// Probes every adapter of `loaded` that has none stored in `folder` yet
// (so a resume never asks them twice) and rewrites model_fingerprints.json.
// `probes` may be null when NeedsProbes is false. Returns summary.json's
// `model_fingerprints`: {adapters: {id: digest}, not_probed: {id: reason}}.
// Throws std::runtime_error when the stored record is unreadable.
nlohmann::ordered_json ProbeAdapters(const LoadedPlan& loaded, const std::string& folder,
                                     const integrity::ProbeSet* probes);

// The stored record, or std::nullopt when the folder has none; throws
// std::runtime_error (naming the file) when it is malformed.
std::optional<nlohmann::ordered_json> ReadModelFingerprints(const std::string& folder);

// The one adapter's stored fingerprint and the configuration it was taken
// with ({kind, preset, model, options}); std::nullopt with `error` set.
struct StoredFingerprint {
  integrity::ModelFingerprint fingerprint;
  nlohmann::json adapter_config;
  std::string plan_path;
};
std::optional<StoredFingerprint> ReadStoredFingerprint(const std::string& folder, const std::string& adapter_id,
                                                       std::string& error);

// The adapter configuration as stored beside a fingerprint.
nlohmann::json AdapterConfigJson(const config::AdapterConfig& config);

}  // namespace etalon::cli
