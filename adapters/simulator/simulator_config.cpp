#include "etalon/simulator/simulator_config.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "config/yaml_fields.hpp"

namespace etalon::simulator {

namespace {

namespace fs = std::filesystem;
using config::YamlFields;

constexpr double kMaxMs = 3'600'000;  // an hour: beyond it a client has long given up

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// `ttft:` or `itl:`: {distribution: fixed|uniform|normal|lognormal, and that kind's parameters}.
void ReadLatency(const YAML::Node& node, const std::string& file, const std::string& path, LatencyDistribution& out,
                 core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), path, "must be a mapping with a `distribution`"});
    return;
  }
  YamlFields fields(node, file, path, diagnostics);
  const auto kind = fields.String("distribution", true);
  if (!kind) {
    return;
  }
  auto number = [&fields](const char* key, double min, double max) -> double {
    if (!fields.Has(key)) {
      fields.Report(key, "is required for this distribution");
      return 0;
    }
    return fields.Number(key, min, max).value_or(0);
  };
  LatencyDistribution latency;
  if (*kind == "fixed") {
    latency.kind = LatencyKind::kFixed;
    latency.ms = number("ms", 0, kMaxMs);
    fields.RejectUnknown({"distribution", "ms"});
  } else if (*kind == "uniform") {
    latency.kind = LatencyKind::kUniform;
    latency.min_ms = number("min_ms", 0, kMaxMs);
    latency.max_ms = number("max_ms", 0, kMaxMs);
    if (fields.Has("min_ms") && fields.Has("max_ms") && latency.max_ms < latency.min_ms) {
      fields.Report("max_ms", "must not be below min_ms");
    }
    fields.RejectUnknown({"distribution", "min_ms", "max_ms"});
  } else if (*kind == "normal") {
    latency.kind = LatencyKind::kNormal;
    latency.mean_ms = number("mean_ms", 0, kMaxMs);
    latency.stddev_ms = number("stddev_ms", 0, kMaxMs);
    fields.RejectUnknown({"distribution", "mean_ms", "stddev_ms"});
  } else if (*kind == "lognormal") {
    latency.kind = LatencyKind::kLognormal;
    latency.median_ms = number("median_ms", 0, kMaxMs);
    latency.sigma = number("sigma", 0, 10);
    fields.RejectUnknown({"distribution", "median_ms", "sigma"});
  } else {
    fields.Report("distribution", fmt::format("unknown distribution '{}' (fixed, uniform, normal, lognormal)", *kind));
    return;
  }
  out = latency;
}

// The answer script: JSONL, one {"match"|"prompt_sha256"|"file_sha256": ..., "answer": ...} a line.
std::vector<ScriptEntry> ReadScript(const std::string& path, core::Diagnostics& diagnostics) {
  std::vector<ScriptEntry> entries;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back({path, 0, "", "cannot open the answer script"});
    return entries;
  }
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) {
      diagnostics.push_back({path, line, "", "not a JSON object"});
      continue;
    }
    ScriptEntry entry;
    entry.line = line;
    int conditions = 0;
    bool valid = true;
    for (const auto& [key, value] : json.items()) {
      std::string* target = key == "match"           ? &entry.match
                            : key == "prompt_sha256" ? &entry.prompt_sha256
                            : key == "file_sha256"   ? &entry.file_sha256
                            : key == "answer"        ? &entry.answer
                                                     : nullptr;
      if (target == nullptr) {
        diagnostics.push_back(
            {path, line, key, "unknown field (known fields: match, prompt_sha256, file_sha256, answer)"});
        valid = false;
        continue;
      }
      if (!value.is_string()) {
        diagnostics.push_back({path, line, key, "must be a string"});
        valid = false;
        continue;
      }
      *target = value.get<std::string>();
      conditions += key == "answer" ? 0 : 1;
    }
    if (!json.contains("answer")) {
      diagnostics.push_back({path, line, "answer", "is required"});
      valid = false;
    }
    if (conditions != 1) {
      diagnostics.push_back({path, line, "", "needs exactly one of match, prompt_sha256, file_sha256"});
      valid = false;
    }
    for (const auto* hash : {&entry.prompt_sha256, &entry.file_sha256}) {
      if (!hash->empty() && !IsSha256Hex(*hash)) {
        diagnostics.push_back({path, line, hash == &entry.prompt_sha256 ? "prompt_sha256" : "file_sha256",
                               "must be 64 lowercase hex digits"});
        valid = false;
      }
    }
    if (valid) {
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

// `answers:` {mode, first_words, fixed_text, script}.
void ReadAnswers(const YAML::Node& node, const std::string& file, const std::string& path, Profile& profile,
                 core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), path, "must be a mapping"});
    return;
  }
  YamlFields fields(node, file, path, diagnostics);
  fields.RejectUnknown({"mode", "first_words", "fixed_text", "script"});
  if (const auto mode = fields.String("mode", false)) {
    if (*mode == "echo") {
      profile.mode = AnswerMode::kEcho;
    } else if (*mode == "first-words") {
      profile.mode = AnswerMode::kFirstWords;
    } else if (*mode == "fixed") {
      profile.mode = AnswerMode::kFixed;
    } else {
      fields.Report("mode", fmt::format("unknown mode '{}' (echo, first-words, fixed)", *mode));
    }
  }
  profile.first_words = static_cast<int>(fields.Integer("first_words", 1, 100000).value_or(profile.first_words));
  profile.fixed_text = fields.String("fixed_text", false).value_or(profile.fixed_text);
  if (const auto script = fields.String("script", false)) {
    const fs::path resolved = fs::path(*script).is_absolute() ? fs::path(*script) : fs::path(file).parent_path() / *script;
    profile.script_path = resolved.string();
    profile.script = ReadScript(profile.script_path, diagnostics);
  }
}

// The fields a profile has, at the top level or under `switch:`.
void ReadProfile(YamlFields& fields, const std::string& file, Profile& profile, core::Diagnostics& diagnostics) {
  if (const auto model = fields.String("model", false)) {
    if (model->find("simulated") == std::string::npos) {
      fields.Report("model", fmt::format("'{}' must contain 'simulated', so a simulated answer never passes for a "
                                         "vendor's",
                                         *model));
    } else {
      profile.model = *model;
    }
  }
  if (fields.Has("answers")) {
    ReadAnswers(fields.Node("answers"), file, fields.FieldPath("answers"), profile, diagnostics);
  }
  if (fields.Has("ttft")) {
    ReadLatency(fields.Node("ttft"), file, fields.FieldPath("ttft"), profile.ttft, diagnostics);
  }
  if (fields.Has("itl")) {
    ReadLatency(fields.Node("itl"), file, fields.FieldPath("itl"), profile.itl, diagnostics);
  }
}

void ReadFaults(const YAML::Node& node, const std::string& file, FaultRates& faults, core::Diagnostics& diagnostics) {
  if (!node.IsMap()) {
    diagnostics.push_back({file, config::LineOf(node), "faults", "must be a mapping of fault rates"});
    return;
  }
  YamlFields fields(node, file, "faults", diagnostics);
  const std::vector<std::pair<const char*, double*>> rates = {
      {"http_500", &faults.http_500},
      {"http_502", &faults.http_502},
      {"http_503", &faults.http_503},
      {"http_429", &faults.http_429},
      {"reset", &faults.reset},
      {"malformed_json", &faults.malformed_json},
      {"stall_after_headers", &faults.stall_after_headers},
      {"stall_before_headers", &faults.stall_before_headers},
  };
  std::vector<std::string> known = {"after_chunks", "retry_after_s", "echo_credentials"};
  double sum = 0;
  for (const auto& [key, target] : rates) {
    known.emplace_back(key);
    *target = fields.Number(key, 0, 1).value_or(0);
    sum += *target;
  }
  fields.RejectUnknown(known);
  if (sum > 1 + 1e-9) {
    diagnostics.push_back({file, config::LineOf(node), "faults", fmt::format("rates sum to {}, more than 1", sum)});
  }
  faults.after_chunks = static_cast<int>(fields.Integer("after_chunks", 0, 1'000'000).value_or(faults.after_chunks));
  faults.retry_after_s = static_cast<int>(fields.Integer("retry_after_s", 0, 86'400).value_or(faults.retry_after_s));
  faults.echo_credentials = fields.Boolean("echo_credentials").value_or(false);
}

}  // namespace

SimulatorConfig LoadSimulatorConfig(const std::string& path, core::Diagnostics& diagnostics) {
  SimulatorConfig config;
  const auto root = config::LoadYamlFile(path, diagnostics);
  if (!root) {
    return config;
  }
  YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"seed", "model", "answers", "ttft", "itl", "faults", "rate_limit_rpm", "rate_limit_burst",
                        "embedding_dimensions", "switch"});
  config.seed = static_cast<std::uint64_t>(fields.Integer("seed", 0, INT64_MAX).value_or(0));
  ReadProfile(fields, path, config.primary, diagnostics);
  if (fields.Has("faults")) {
    ReadFaults(fields.Node("faults"), path, config.faults, diagnostics);
  }
  config.rate_limit_rpm = fields.Number("rate_limit_rpm", 0, 1e9).value_or(0);
  config.rate_limit_burst = static_cast<int>(fields.Integer("rate_limit_burst", 0, 1'000'000'000).value_or(0));
  config.embedding_dimensions =
      static_cast<int>(fields.Integer("embedding_dimensions", 1, 65536).value_or(config.embedding_dimensions));
  if (fields.Has("switch")) {
    const auto node = fields.Node("switch");
    if (!node.IsMap()) {
      fields.Report("switch", "must be a mapping with `after_requests`");
      return config;
    }
    YamlFields switch_fields(node, path, "switch", diagnostics);
    switch_fields.RejectUnknown({"after_requests", "model", "answers", "ttft", "itl"});
    if (!switch_fields.Has("after_requests")) {
      switch_fields.Report("after_requests", "is required");
    }
    config.switch_after_requests =
        static_cast<std::uint64_t>(switch_fields.Integer("after_requests", 0, INT64_MAX).value_or(0));
    Profile switched = config.primary;  // what `switch:` leaves out stays as before
    ReadProfile(switch_fields, path, switched, diagnostics);
    config.switched = std::move(switched);
  }
  return config;
}

}  // namespace etalon::simulator
