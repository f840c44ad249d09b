#include "etalon/integrity/probe_set.hpp"

#include <set>

#include <fmt/format.h>

#include "config/yaml_fields.hpp"
#include "etalon/core/identifier.hpp"
#include "etalon/core/sha256.hpp"

namespace etalon::integrity {

nlohmann::json ProbeSet::ToJson() const {
  nlohmann::json probes_json = nlohmann::json::array();
  for (const auto& probe : probes) {
    probes_json.push_back({{"id", probe.id}, {"prompt", probe.prompt}});
  }
  return {{"id", id},
          {"version", version},
          {"sha256", sha256},
          {"repeats", repeats},
          {"generation",
           {{"temperature", generation.temperature.value_or(0)},
            {"max_tokens", generation.max_tokens.value_or(0)},
            {"seed", generation.seed.value_or(0)}}},
          {"probes", std::move(probes_json)}};
}

std::optional<ProbeSet> ProbeSet::FromJson(const nlohmann::json& json, std::string& error) {
  try {
    ProbeSet set;
    set.id = json.at("id").get<std::string>();
    set.version = json.at("version").get<int>();
    set.sha256 = json.at("sha256").get<std::string>();
    set.repeats = json.at("repeats").get<int>();
    const auto& generation = json.at("generation");
    set.generation.temperature = generation.at("temperature").get<double>();
    set.generation.max_tokens = generation.at("max_tokens").get<int>();
    set.generation.seed = generation.at("seed").get<std::int64_t>();
    for (const auto& probe : json.at("probes")) {
      set.probes.push_back({probe.at("id").get<std::string>(), probe.at("prompt").get<std::string>()});
    }
    if (set.repeats < 1 || set.repeats > kMaxProbeRepeats || set.probes.empty()) {
      error = fmt::format("probe_set: repeats must be 1 to {} and probes non-empty", kMaxProbeRepeats);
      return std::nullopt;
    }
    return set;
  } catch (const nlohmann::json::exception& json_error) {
    error = fmt::format("probe_set: {}", json_error.what());
    return std::nullopt;
  }
}

std::optional<ProbeSet> LoadProbeSet(const std::string& path, core::Diagnostics& diagnostics) {
  const auto first_problem = diagnostics.size();
  const auto root = config::LoadYamlFile(path, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  ProbeSet set;
  set.sha256 = core::Sha256HexOfFile(path).value_or("");
  config::YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"id", "version", "repeats", "generation", "probes"});
  set.id = fields.String("id", true).value_or("");
  set.version = static_cast<int>(fields.Integer("version", 1, 1'000'000).value_or(0));
  if (!fields.Has("version")) {
    fields.Report("version", "is required");
  }
  set.repeats = static_cast<int>(fields.Integer("repeats", 1, kMaxProbeRepeats).value_or(3));
  if (!fields.Has("generation") || !fields.Node("generation").IsMap()) {
    fields.Report("generation", "is required: a mapping with temperature, max_tokens and seed");
  } else {
    config::YamlFields generation(fields.Node("generation"), path, "generation", diagnostics);
    generation.RejectUnknown({"temperature", "max_tokens", "seed"});
    for (const char* key : {"temperature", "max_tokens", "seed"}) {
      if (!generation.Has(key)) generation.Report(key, "is required: probes are asked with fixed settings");
    }
    set.generation.temperature = generation.Number("temperature", 0, 2);
    if (const auto max_tokens = generation.Integer("max_tokens", 1, 4096)) {
      set.generation.max_tokens = static_cast<int>(*max_tokens);
    }
    set.generation.seed = generation.Integer("seed", 0, INT64_MAX);
  }
  if (!fields.Has("probes") || !fields.Node("probes").IsSequence() || fields.Node("probes").size() == 0) {
    fields.Report("probes", "must be a non-empty list of {id, prompt}");
  } else {
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const auto& item : fields.Node("probes")) {
      const auto where = fmt::format("probes[{}]", index++);
      if (!item.IsMap()) {
        fields.ReportAt(config::LineOf(item), where, "must be a mapping with id and prompt");
        continue;
      }
      config::YamlFields probe_fields(item, path, where, diagnostics);
      probe_fields.RejectUnknown({"id", "prompt"});
      Probe probe{probe_fields.String("id", true).value_or(""), probe_fields.String("prompt", true).value_or("")};
      if (!probe.id.empty() && !core::IsValidIdentifier(probe.id)) {
        probe_fields.Report("id", core::kIdentifierRule);
      }
      if (!probe.id.empty() && !seen.insert(probe.id).second) {
        probe_fields.Report("id", fmt::format("duplicate probe id '{}'", probe.id));
      }
      set.probes.push_back(std::move(probe));
    }
  }
  if (diagnostics.size() != first_problem) {
    return std::nullopt;
  }
  return set;
}

}  // namespace etalon::integrity
