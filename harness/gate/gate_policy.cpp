#include "etalon/gate/gate_policy.hpp"

#include <limits>

#include <fmt/format.h>

#include "config/yaml_fields.hpp"

namespace etalon::gate {

namespace {

constexpr double kUnbounded = std::numeric_limits<double>::max();

std::optional<Policy> ReadPolicy(const YAML::Node& node, const std::string& path, std::size_t index,
                                 core::Diagnostics& diagnostics) {
  const auto prefix = fmt::format("policies[{}]", index);
  if (!node.IsMap()) {
    diagnostics.push_back({path, config::LineOf(node), prefix, "must be a mapping (suite: ..., metric: ...)"});
    return std::nullopt;
  }
  const auto before = diagnostics.size();
  config::YamlFields fields(node, path, prefix, diagnostics);
  fields.RejectUnknown({"suite", "adapter", "metric", "min", "max", "max_drop", "significance", "max_p95_latency_ms",
                        "max_cost_per_1000", "max_error_rate"});
  Policy policy;
  policy.path = prefix;
  policy.line = config::LineOf(node);
  for (const auto& item : node) {
    if (item.first.IsScalar()) {  // a list or mapping key is reported by RejectUnknown
      policy.field_lines[item.first.Scalar()] = config::LineOf(item.first);
    }
  }
  policy.suite = fields.String("suite", true).value_or("");
  policy.adapter = fields.String("adapter", false);
  policy.metric = fields.String("metric", false);
  policy.min = fields.Number("min", -kUnbounded, kUnbounded);
  policy.max = fields.Number("max", -kUnbounded, kUnbounded);
  policy.max_drop = fields.Number("max_drop", 0, kUnbounded);
  policy.significance = fields.Number("significance", 0, 1);
  policy.max_p95_latency_ms = fields.Number("max_p95_latency_ms", 0, kUnbounded);
  policy.max_cost_per_1000 = fields.Number("max_cost_per_1000", 0, kUnbounded);
  policy.max_error_rate = fields.Number("max_error_rate", 0, 1);

  const bool needs_metric = fields.Has("min") || fields.Has("max") || fields.Has("max_drop");
  if (needs_metric && !fields.Has("metric")) {
    fields.Report("metric", "is required with min, max or max_drop");
  }
  if (fields.Has("metric") && !needs_metric) {
    fields.Report("metric", "has no bound: add min, max or max_drop");
  }
  if (fields.Has("significance") && !fields.Has("max_drop")) {
    fields.Report("significance", "applies to max_drop, which is missing");
  }
  if (!needs_metric && !fields.Has("max_p95_latency_ms") && !fields.Has("max_cost_per_1000") &&
      !fields.Has("max_error_rate")) {
    fields.ReportAt(policy.line, prefix,
                    "checks nothing: give min, max, max_drop, max_p95_latency_ms, max_cost_per_1000 or max_error_rate");
  }
  if (diagnostics.size() != before) {
    return std::nullopt;
  }
  return policy;
}

}  // namespace

std::optional<GatePolicy> LoadGatePolicy(const std::string& path, core::Diagnostics& diagnostics) {
  const auto root = config::LoadYamlFile(path, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  const auto before = diagnostics.size();
  config::YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"seed", "policies"});
  GatePolicy gate;
  gate.path = path;
  if (const auto seed = fields.Integer("seed", 0, std::numeric_limits<std::int64_t>::max())) {
    gate.seed = static_cast<std::uint64_t>(*seed);
  }
  const auto policies = fields.Node("policies");
  if (!fields.Has("policies") || !policies.IsSequence() || policies.size() == 0) {
    fields.Report("policies", "must be a non-empty list of policies");
  } else {
    std::size_t index = 0;
    for (const auto& node : policies) {
      if (auto policy = ReadPolicy(node, path, index, diagnostics)) {
        gate.policies.push_back(std::move(*policy));
      }
      ++index;
    }
  }
  if (diagnostics.size() != before) {
    return std::nullopt;
  }
  return gate;
}

}  // namespace etalon::gate
