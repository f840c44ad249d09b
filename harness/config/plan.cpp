#include "etalon/config/plan.hpp"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "etalon/core/identifier.hpp"
#include "etalon/frugality/classical_baseline.hpp"
#include "config/adapter_entry.hpp"
#include "config/yaml_fields.hpp"

namespace etalon::config {

namespace {

nlohmann::json OptionalNumber(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json SloJson(const ServiceLevels& slo) {
  if (!slo.Any()) {
    return nullptr;
  }
  return {{"ttft_ms", OptionalNumber(slo.ttft_ms)},
          {"tpot_ms", OptionalNumber(slo.tpot_ms)},
          {"end_to_end_ms", OptionalNumber(slo.end_to_end_ms)}};
}

nlohmann::json YearlyJson(const std::vector<std::pair<std::string, double>>& yearly) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [suite, requests] : yearly) {
    json[suite] = requests;
  }
  return json;
}

}  // namespace

nlohmann::json Plan::Resolved() const {
  nlohmann::json adapters_json = nlohmann::json::array();
  for (const auto& adapter : adapters) {
    adapters_json.push_back({{"id", adapter.id},
                             {"kind", adapter.kind},
                             {"preset", adapter.preset},
                             {"model", adapter.model},
                             {"when_env", adapter.when_env},
                             {"options", adapter.options},
                             {"suites", adapter.suites},
                             {"concurrency", adapter.concurrency.value_or(concurrency)},
                             {"server_eur_per_hour", OptionalNumber(adapter.server_eur_per_hour)},
                             {"baseline", frugality::IsClassicalBaseline(adapter.kind, adapter.preset, adapter.baseline)}});
  }
  return {{"name", name},
          {"seed", seed},
          {"concurrency", concurrency},
          {"repeats", repeats},
          {"request_timeout_s", request_timeout_s},
          {"max_error_rate", max_error_rate},
          {"durability", fsync_results ? "fsync" : "write"},
          {"arrival_rate_per_s", OptionalNumber(arrival_rate_per_s)},
          {"slo", SloJson(slo)},
          {"yearly_requests", YearlyJson(yearly_requests)},
          {"budget", budget.Any() ? nlohmann::json{{"eur", OptionalNumber(budget.eur)}, {"kwh", OptionalNumber(budget.kwh)}}
                                  : nlohmann::json(nullptr)},
          {"model_probes", model_probes},
          {"adapters", adapters_json},
          {"suites", suites}};
}

AdapterConfig ReadAdapterEntry(const YAML::Node& node, const std::string& file, const std::string& field_path,
                               core::Diagnostics& diagnostics) {
  AdapterConfig adapter;
  adapter.line = LineOf(node);
  YamlFields fields(node, file, field_path, diagnostics);
  fields.RejectUnknown(
      {"id", "kind", "preset", "model", "when_env", "options", "suites", "concurrency", "server_eur_per_hour", "baseline"});
  adapter.baseline = fields.Boolean("baseline");
  adapter.server_eur_per_hour = fields.Number("server_eur_per_hour", 0, 1e6);
  if (const auto concurrency = fields.Integer("concurrency", 1, 4096)) {
    adapter.concurrency = static_cast<std::size_t>(*concurrency);
  }
  adapter.id = fields.String("id", true).value_or("");
  if (!adapter.id.empty() && !core::IsValidIdentifier(adapter.id)) {
    fields.Report("id", core::kIdentifierRule);
  }
  adapter.kind = fields.String("kind", true).value_or("");
  adapter.preset = fields.String("preset", false).value_or("");
  adapter.model = fields.String("model", false).value_or("");
  adapter.when_env = fields.String("when_env", false).value_or("");
  adapter.suites = fields.StringList("suites", false).value_or(std::vector<std::string>{});
  if (fields.Has("options")) {
    adapter.options = YamlToJson(fields.Node("options"));
    if (adapter.options.is_null()) {
      adapter.options = nlohmann::json::object();
    } else if (!adapter.options.is_object()) {
      fields.Report("options", "must be a mapping (key: value)");
      adapter.options = nlohmann::json::object();
    }
  }
  return adapter;
}

namespace {

ServiceLevels ReadServiceLevels(YamlFields& plan_fields, const std::string& file, core::Diagnostics& diagnostics) {
  ServiceLevels slo;
  const auto node = plan_fields.Node("slo");
  if (!node.IsMap()) {
    plan_fields.Report("slo", "must be a mapping with ttft_ms, tpot_ms and/or end_to_end_ms");
    return slo;
  }
  YamlFields fields(node, file, "slo", diagnostics);
  fields.RejectUnknown({"ttft_ms", "tpot_ms", "end_to_end_ms"});
  constexpr double kDay = 86'400'000;
  slo.ttft_ms = fields.Number("ttft_ms", 0, kDay);
  slo.tpot_ms = fields.Number("tpot_ms", 0, kDay);
  slo.end_to_end_ms = fields.Number("end_to_end_ms", 0, kDay);
  if (node.size() == 0) {
    plan_fields.Report("slo", "states no limit: give ttft_ms, tpot_ms and/or end_to_end_ms");
  }
  return slo;
}

}  // namespace

PlanLoadResult LoadPlan(const std::string& path, const std::string& default_suites_dir) {
  PlanLoadResult result;
  auto& diagnostics = result.diagnostics;
  const auto root = LoadYamlFile(path, diagnostics);
  if (!root) {
    return result;
  }
  Plan plan;
  plan.path = path;
  plan.as_written = YamlToJson(*root);
  YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"name", "description", "seed", "concurrency", "repeats", "request_timeout_s",
                        "max_error_rate", "durability", "arrival_rate_per_s", "slo", "yearly_requests", "budget",
                        "model_probes", "adapters", "suites", "suites_dir"});
  if (fields.Has("budget")) {
    if (!fields.Node("budget").IsMap()) {
      fields.Report("budget", "must be a mapping with eur and/or kwh");
    } else {
      YamlFields budget(fields.Node("budget"), path, "budget", diagnostics);
      budget.RejectUnknown({"eur", "kwh"});
      plan.budget.eur = budget.Number("eur", 0, 1e12);
      plan.budget.kwh = budget.Number("kwh", 0, 1e12);
    }
  }
  plan.name = fields.String("name", true).value_or("");
  if (!plan.name.empty() && !core::IsValidIdentifier(plan.name)) {
    fields.Report("name", core::kIdentifierRule);
  }
  plan.seed = fields.Integer("seed", 0, INT64_MAX).value_or(plan.seed);
  plan.concurrency = static_cast<std::size_t>(fields.Integer("concurrency", 1, 4096).value_or(8));
  plan.repeats = static_cast<int>(fields.Integer("repeats", 1, 1000).value_or(1));
  plan.request_timeout_s = fields.Number("request_timeout_s", 0.001, 86400).value_or(plan.request_timeout_s);
  plan.max_error_rate = fields.Number("max_error_rate", 0, 1).value_or(0);
  plan.model_probes = fields.Boolean("model_probes").value_or(true);
  const auto durability = fields.String("durability", false).value_or("write");
  if (durability != "write" && durability != "fsync") {
    fields.Report("durability", "must be write (each result survives a killed process) or fsync (it also survives "
                                "a power cut, at one disk flush per result)");
  }
  plan.fsync_results = durability == "fsync";
  plan.arrival_rate_per_s = fields.Number("arrival_rate_per_s", 1e-6, 1e6);
  if (fields.Has("slo")) {
    plan.slo = ReadServiceLevels(fields, path, diagnostics);
  }

  if (!fields.Has("adapters")) {
    fields.Report("adapters", "is required");
  } else if (const auto node = fields.Node("adapters"); !node.IsSequence() || node.size() == 0) {
    fields.Report("adapters", "must be a non-empty list");
  } else {
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const auto& item : node) {
      if (!item.IsMap()) {
        fields.ReportAt(LineOf(item), fmt::format("adapters[{}]", index), "must be a mapping with id and kind");
      } else {
        auto adapter = ReadAdapterEntry(item, path, fmt::format("adapters[{}]", index), diagnostics);
        if (!adapter.id.empty() && !seen.insert(adapter.id).second) {
          fields.ReportAt(adapter.line, fmt::format("adapters[{}].id", index),
                          fmt::format("duplicate adapter id '{}'", adapter.id));
        }
        plan.adapters.push_back(std::move(adapter));
      }
      ++index;
    }
  }

  plan.suites_line = fields.Line("suites");
  plan.suites = fields.StringList("suites", true).value_or(std::vector<std::string>{});
  std::set<std::string> seen_suites;
  for (const auto& suite : plan.suites) {
    if (!seen_suites.insert(suite).second) {
      fields.Report("suites", fmt::format("suite '{}' is listed twice", suite));
    }
  }
  for (std::size_t index = 0; index < plan.adapters.size(); ++index) {
    for (const auto& suite : plan.adapters[index].suites) {
      if (seen_suites.count(suite) == 0) {
        fields.ReportAt(plan.adapters[index].line, fmt::format("adapters[{}].suites", index),
                        fmt::format("suite '{}' is not in the plan's suites", suite));
      }
    }
  }
  if (fields.Has("yearly_requests")) {
    const auto node = fields.Node("yearly_requests");
    if (!node.IsMap()) {
      fields.Report("yearly_requests", "must be a mapping of suite id: requests per year");
    } else {
      YamlFields yearly(node, path, "yearly_requests", diagnostics);
      for (const auto& entry : node) {
        const auto suite = entry.first.Scalar();
        if (seen_suites.count(suite) == 0) {
          yearly.Report(suite, fmt::format("suite '{}' is not in the plan's suites", suite));
        } else if (const auto requests = yearly.Number(suite, 0, 1e15)) {
          plan.yearly_requests.emplace_back(suite, *requests);
        }
      }
    }
  }
  const auto plan_folder = std::filesystem::path(path).parent_path();
  if (const auto suites_dir = fields.String("suites_dir", false)) {
    plan.suites_dir = (plan_folder / *suites_dir).lexically_normal().string();
  } else {
    plan.suites_dir = default_suites_dir;
  }
  if (diagnostics.empty()) {
    result.plan = std::move(plan);
  }
  return result;
}

}  // namespace etalon::config
