// What the runner hands an adapter: a rendered prompt plus the sample's raw
// fields, for adapters (extractive baselines, OCR, speech) that work on them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/run_key.hpp"

namespace etalon::core {

// Decoding settings from the suite (and plan overrides). Unset means "the
// adapter's default"; adapters pass on only what is set.
struct GenerationSettings {
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int> max_tokens;
  std::optional<std::int64_t> seed;
  std::vector<std::string> stop;
};

struct Request {
  RunKey key;
  std::string system_prompt;  // empty when the suite has none
  std::string prompt;         // the rendered template
  GenerationSettings generation;
  const nlohmann::json* fields = nullptr;  // the sample's fields; valid until the completion handler returns
  std::string dataset_dir;  // the dataset file's folder: media paths in fields are relative to it
  // Called at most once, before the completion handler, by an adapter that
  // knows when the answer has fully arrived (HTTP: its last byte, no retry
  // to come): the request no longer holds the server, so the runner starts
  // the next one then, while the answer is read and scored. Unset: nothing.
  std::function<void()> on_answered;
};

}  // namespace etalon::core
