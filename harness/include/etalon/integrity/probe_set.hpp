// The fixed, versioned prompts of a model fingerprint
// (suites/probes/model-fingerprint.yaml): what `etalon run` asks each HTTP
// adapter before its suites and `etalon verify-model` asks again later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/diagnostic.hpp"
#include "etalon/core/request.hpp"

namespace etalon::integrity {

// At most this many repeats, so the exact answer test (which enumerates how
// the pooled answers of a probe could be split) stays small.
inline constexpr int kMaxProbeRepeats = 8;

struct Probe {
  std::string id;
  std::string prompt;
};

struct ProbeSet {
  std::string id;
  int version = 0;
  std::string sha256;  // of the file's bytes
  int repeats = 3;
  core::GenerationSettings generation;  // temperature, max_tokens and seed always set
  std::vector<Probe> probes;

  // {id, version, sha256, repeats, generation {temperature, max_tokens, seed}, probes [{id, prompt}]}:
  // stored with each fingerprint, so a verification asks exactly what was asked.
  nlohmann::json ToJson() const;
  // The inverse of ToJson; std::nullopt (with `error` set) when a field is missing or mistyped.
  static std::optional<ProbeSet> FromJson(const nlohmann::json& json, std::string& error);
};

// Reads and checks a probe file; std::nullopt with located diagnostics when anything is wrong.
std::optional<ProbeSet> LoadProbeSet(const std::string& path, core::Diagnostics& diagnostics);

}  // namespace etalon::integrity
