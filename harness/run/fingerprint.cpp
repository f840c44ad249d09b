#include "etalon/run/fingerprint.hpp"

#include <fmt/format.h>

#include "etalon/core/sha256.hpp"

namespace etalon::run {

Fingerprint ComputeFingerprint(const config::Plan& plan, const std::vector<config::AdapterConfig>& adapters,
                               const std::vector<std::unique_ptr<PreparedSuite>>& suites) {
  Fingerprint fingerprint;
  auto& components = fingerprint.components;
  // Concurrency and timeouts change how a run goes, not what a result means: not here.
  components["plan"] = {{"name", plan.name}, {"seed", plan.seed}, {"repeats", plan.repeats}};
  components["adapters"] = nlohmann::json::object();
  for (const auto& adapter : adapters) {
    components["adapters"][adapter.id] = {{"kind", adapter.kind},
                                          {"preset", adapter.preset},
                                          {"model", adapter.model},
                                          {"options", adapter.options}};
  }
  components["suites"] = nlohmann::json::object();
  components["datasets"] = nlohmann::json::object();
  for (const auto& prepared : suites) {
    const auto& id = prepared->suite.id;
    components["suites"][id] = prepared->suite.as_written;
    components["datasets"][id] = {{"sha256", prepared->dataset.sha256},
                                  {"few_shot_sha256", prepared->few_shot_sha256}};
  }
  fingerprint.sha256 = core::Sha256Hex(components.dump());  // nlohmann::json keeps keys sorted: canonical
  return fingerprint;
}

namespace {

std::string DottedPath(const std::string& pointer) {
  std::string dotted;
  for (const char c : pointer.substr(pointer.empty() ? 0 : 1)) {
    dotted.push_back(c == '/' ? '.' : c);
  }
  return dotted;
}

std::string Shown(const nlohmann::json& value) {
  const auto text = value.dump();
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

std::optional<std::string> CompareSection(const nlohmann::json& stored, const nlohmann::json& current,
                                          const std::string& section, bool shared_keys_only) {
  const auto stored_section = stored.value(section, nlohmann::json::object());
  const auto current_section = current.value(section, nlohmann::json::object());
  nlohmann::json left = nlohmann::json::object();
  nlohmann::json right = nlohmann::json::object();
  if (shared_keys_only) {
    for (const auto& [key, value] : stored_section.items()) {
      if (current_section.contains(key)) {
        left[key] = value;
        right[key] = current_section[key];
      }
    }
  } else {
    left = stored_section;
    right = current_section;
  }
  const auto patch = nlohmann::json::diff(left, right);
  if (patch.empty()) {
    return std::nullopt;
  }
  const auto& first = patch.front();
  const auto pointer = first.at("path").get<std::string>();
  const auto path = section + "." + DottedPath(pointer);
  const nlohmann::json::json_pointer where(pointer);
  const auto was = left.contains(where) ? Shown(left[where]) : std::string("absent");
  const auto now = right.contains(where) ? Shown(right[where]) : std::string("absent");
  return fmt::format("field '{}' changed (was {}, now {})", path, was, now);
}

}  // namespace

std::optional<std::string> FingerprintDifference(const nlohmann::json& stored, const nlohmann::json& current) {
  if (auto difference = CompareSection(stored, current, "plan", false)) {
    return difference;
  }
  for (const char* section : {"adapters", "suites", "datasets"}) {
    if (auto difference = CompareSection(stored, current, section, true)) {
      return difference;
    }
  }
  return std::nullopt;
}

nlohmann::json MergeComponents(const nlohmann::json& stored, const nlohmann::json& current) {
  nlohmann::json merged = stored;
  for (const auto& [section, entries] : current.items()) {
    if (section == "plan" || !merged.contains(section)) {
      merged[section] = entries;
      continue;
    }
    for (const auto& [key, value] : entries.items()) {
      merged[section][key] = value;
    }
  }
  return merged;
}

}  // namespace etalon::run
