#include "model_probes.hpp"

#include <cassert>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/probe_skip_reason.hpp"

namespace etalon::cli {

namespace fs = std::filesystem;

namespace {

// Beyond the plan's per-request deadline, which the HTTP client enforces itself.
constexpr std::chrono::seconds kProbeTimeoutSlack{5};

std::string RecordPath(const std::string& folder) { return (fs::path(folder) / kModelFingerprintsFile).string(); }

std::string SkipReason(const config::Plan& plan, const config::AdapterConfig& config) {
  return plan.model_probes ? ProbeSkipReason(config) : "probes-off";
}

}  // namespace

std::string DefaultProbeSetPath() {
  return (fs::path(DataRoot()) / "suites" / "probes" / "model-fingerprint.yaml").string();
}

std::string ProbeSkipReason(const config::AdapterConfig& config) {
  if (config.kind != "openai" && config.kind != "anthropic") {
    return "local-adapter";
  }
  const auto endpoint = config.options.find("endpoint");
  if (endpoint != config.options.end() && *endpoint != "chat") {
    return "not-chat-endpoint";
  }
  if (config.options.contains("image_field")) {
    return "image-input";
  }
  return "";
}

nlohmann::json AdapterConfigJson(const config::AdapterConfig& config) {
  return {{"kind", config.kind}, {"preset", config.preset}, {"model", config.model}, {"options", config.options}};
}

std::optional<nlohmann::ordered_json> ReadModelFingerprints(const std::string& folder) {
  const auto path = RecordPath(folder);
  if (!fs::exists(path)) return std::nullopt;
  std::ifstream in(path);
  auto record = nlohmann::ordered_json::parse(in, nullptr, false);
  if (!record.is_object() || !record.contains("adapters") || !record["adapters"].is_object()) {
    throw std::runtime_error(fmt::format("{}: not a model fingerprint record (no 'adapters' object)", path));
  }
  return record;
}

bool NeedsProbes(const LoadedPlan& loaded) {
  for (const auto& config : loaded.adapter_configs) {
    if (SkipReason(loaded.plan, config).empty()) return true;
  }
  return false;
}

nlohmann::ordered_json ProbeAdapters(const LoadedPlan& loaded, const std::string& folder,
                                     const integrity::ProbeSet* probes) {
  auto record = ReadModelFingerprints(folder).value_or(nlohmann::ordered_json{
      {"schema", kModelFingerprintsSchemaVersion},
      {"plan_path", loaded.plan.path},
      {"adapters", nlohmann::ordered_json::object()},
      {"not_probed", nlohmann::ordered_json::object()}});
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::duration<double>(loaded.plan.request_timeout_s)) +
                       kProbeTimeoutSlack;
  for (std::size_t i = 0; i < loaded.adapters.size(); ++i) {
    const auto& config = loaded.adapter_configs[i];
    if (record["adapters"].contains(config.id)) continue;
    if (auto reason = SkipReason(loaded.plan, config); !reason.empty()) {
      record["not_probed"][config.id] = reason;
      continue;
    }
    assert(probes != nullptr);  // the caller loads them whenever NeedsProbes holds
    auto fingerprint =
        integrity::CollectModelFingerprint(*loaded.adapters[i], *probes, timeout, loaded.costings[i].get());
    auto entry = fingerprint.ToJson();
    entry["adapter_config"] = AdapterConfigJson(config);
    record["adapters"][config.id] = std::move(entry);
    record["not_probed"].erase(config.id);
  }
  core::WriteFileAtomically(RecordPath(folder),
                            record.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  nlohmann::ordered_json digests = {{"adapters", nlohmann::ordered_json::object()},
                                    {"not_probed", record["not_probed"]}};
  for (const auto& [id, entry] : record["adapters"].items()) {
    digests["adapters"][id] = entry.at("digest");
  }
  return digests;
}

std::optional<StoredFingerprint> ReadStoredFingerprint(const std::string& folder, const std::string& adapter_id,
                                                       std::string& error) {
  std::optional<nlohmann::ordered_json> record;
  try {
    record = ReadModelFingerprints(folder);
  } catch (const std::runtime_error& read_error) {
    error = read_error.what();
    return std::nullopt;
  }
  const auto path = RecordPath(folder);
  if (!record) {
    error = fmt::format("{}: no model fingerprint in this run folder (runs before this feature, or model_probes: "
                        "false)",
                        path);
    return std::nullopt;
  }
  const auto& adapters = (*record)["adapters"];
  if (!adapters.contains(adapter_id)) {
    std::string known;
    for (const auto& [id, entry] : adapters.items()) known += (known.empty() ? "" : ", ") + id;
    const auto& not_probed = record->value("not_probed", nlohmann::ordered_json::object());
    error = not_probed.contains(adapter_id)
                ? fmt::format("{}: adapter '{}' was not probed: {}", path, adapter_id,
                              reports::NotProbedReason(not_probed[adapter_id].get<std::string>(), reports::Language::kEnglish))
                : fmt::format("{}: field 'adapters': no fingerprint for adapter '{}' (stored: {})", path, adapter_id,
                              known.empty() ? "none" : known);
    return std::nullopt;
  }
  const nlohmann::json entry = adapters[adapter_id];
  std::string parse_error;
  auto fingerprint = integrity::ModelFingerprint::FromJson(entry, parse_error);
  if (!fingerprint || !entry.contains("adapter_config")) {
    error = fmt::format("{}: field 'adapters.{}': {}", path, adapter_id,
                        fingerprint ? "missing adapter_config" : parse_error);
    return std::nullopt;
  }
  return StoredFingerprint{std::move(*fingerprint), entry["adapter_config"], record->value("plan_path", "")};
}

}  // namespace etalon::cli
