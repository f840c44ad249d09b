#include "etalon/config/suite.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "config/generation_entry.hpp"
#include "config/yaml_fields.hpp"
#include "etalon/core/identifier.hpp"

namespace etalon::config {

const std::vector<std::string>& KnownTasks() {
  static const std::vector<std::string> tasks = {"chat",      "qa",         "rag", "summarize", "translate",
                                                 "transcribe", "ocr", "classify", "extract"};
  return tasks;
}

std::string SuitePath(const std::string& suites_dir, const std::string& suite_id) {
  return (std::filesystem::path(suites_dir) / (suite_id + ".yaml")).string();
}

void ReadGeneration(YamlFields& suite_fields, const std::string& file, core::GenerationSettings& generation,
                    core::Diagnostics& diagnostics) {
  if (!suite_fields.Has("generation")) {
    return;
  }
  const auto node = suite_fields.Node("generation");
  if (!node.IsMap()) {
    suite_fields.Report("generation", "must be a mapping (temperature, top_p, max_tokens, seed, stop)");
    return;
  }
  YamlFields fields(node, file, "generation", diagnostics);
  fields.RejectUnknown({"temperature", "top_p", "max_tokens", "seed", "stop"});
  generation.temperature = fields.Number("temperature", 0, 2);
  generation.top_p = fields.Number("top_p", 0, 1);
  if (const auto max_tokens = fields.Integer("max_tokens", 1, 1'000'000)) {
    generation.max_tokens = static_cast<int>(*max_tokens);
  }
  generation.seed = fields.Integer("seed", 0, INT64_MAX);
  generation.stop = fields.StringList("stop", false).value_or(std::vector<std::string>{});
}

namespace {

std::string ResolveBeside(const std::string& file, const std::string& relative) {
  const std::filesystem::path path(relative);
  if (path.is_absolute()) {
    return path.lexically_normal().string();
  }
  return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

void ReadFewShot(YamlFields& suite_fields, const std::string& file, Suite& suite, core::Diagnostics& diagnostics) {
  if (!suite_fields.Has("few_shot")) {
    return;
  }
  const auto node = suite_fields.Node("few_shot");
  if (!node.IsMap()) {
    suite_fields.Report("few_shot", "must be a mapping with path and count");
    return;
  }
  YamlFields fields(node, file, "few_shot", diagnostics);
  fields.RejectUnknown({"path", "count"});
  const auto path = fields.String("path", true);
  const auto count = fields.Integer("count", 0, 64);
  if (path) {
    suite.few_shot = FewShotConfig{ResolveBeside(file, *path), static_cast<std::size_t>(count.value_or(3))};
  }
}

void ReadMetrics(YamlFields& fields, const std::string& file, Suite& suite, core::Diagnostics& diagnostics) {
  if (!fields.Has("metrics")) {
    fields.Report("metrics", "is required (see `etalon list metrics`)");
    return;
  }
  suite.metrics_line = fields.Line("metrics");
  const auto node = fields.Node("metrics");
  if (!node.IsSequence() || node.size() == 0) {
    fields.Report("metrics", "must be a non-empty list");
    return;
  }
  std::size_t index = 0;
  for (const auto& item : node) {
    const auto field = fmt::format("metrics[{}]", index++);
    metrics::MetricSpec spec;
    if (item.IsScalar()) {
      spec.name = item.Scalar();
    } else if (item.IsMap() && item["name"].IsDefined() && item["name"].IsScalar()) {
      spec.name = item["name"].Scalar();  // as written: `name: 12` is a name, not a number
      auto json = YamlToJson(item);
      json.erase("name");
      spec.parameters = json;
    } else {
      fields.ReportAt(LineOf(item), field, "must be a metric name or a mapping with a name");
      continue;
    }
    const auto made = metrics::MakeMetrics(spec);
    if (const auto* error = std::get_if<std::string>(&made)) {
      diagnostics.push_back({file, LineOf(item), field, *error});
      continue;
    }
    suite.metrics.push_back(std::move(spec));
  }
}

void ReadPassRule(YamlFields& fields, const std::string& file, Suite& suite, core::Diagnostics& diagnostics) {
  if (!fields.Has("pass")) {
    return;
  }
  const auto node = fields.Node("pass");
  if (!node.IsMap()) {
    fields.Report("pass", "must be a mapping with metric and threshold");
    return;
  }
  YamlFields pass_fields(node, file, "pass", diagnostics);
  pass_fields.RejectUnknown({"metric", "threshold"});
  PassRule rule;
  rule.metric = pass_fields.String("metric", true).value_or("");
  const auto threshold = pass_fields.Number("threshold", -1e12, 1e12);
  if (!pass_fields.Has("threshold")) {
    pass_fields.Report("threshold", "is required");
  }
  std::vector<std::string> names;
  for (const auto& spec : suite.metrics) {
    const auto made = metrics::MakeMetrics(spec);
    if (const auto* built = std::get_if<std::vector<std::unique_ptr<metrics::Metric>>>(&made)) {
      for (const auto& metric : *built) {
        names.push_back(metric->Info().name);
      }
    }
  }
  if (!rule.metric.empty() && std::find(names.begin(), names.end(), rule.metric) == names.end()) {
    pass_fields.Report("metric", fmt::format("'{}' is not one of this suite's metrics", rule.metric));
    return;
  }
  if (threshold) {
    rule.threshold = *threshold;
    suite.pass = std::move(rule);
  }
}

}  // namespace

bool Suite::Includes(const core::Sample& sample) const {
  for (const auto& [field, accepted] : where) {
    const auto found = sample.fields.find(field);
    if (found == sample.fields.end() || !found->is_string() ||
        std::find(accepted.begin(), accepted.end(), found->get_ref<const std::string&>()) == accepted.end()) {
      return false;
    }
  }
  return true;
}

SuiteLoadResult LoadSuite(const std::string& path) {
  SuiteLoadResult result;
  auto& diagnostics = result.diagnostics;
  const auto root = LoadYamlFile(path, diagnostics);
  if (!root) {
    return result;
  }
  Suite suite;
  suite.path = path;
  suite.as_written = YamlToJson(*root);
  YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"id", "version", "task", "description", "dataset", "dataset_sha256", "system", "template",
                        "few_shot", "metrics", "pass", "generation", "where"});
  suite.id = fields.String("id", true).value_or("");
  if (!suite.id.empty()) {
    if (!core::IsValidIdentifier(suite.id)) {
      fields.Report("id", core::kIdentifierRule);
    } else if (std::filesystem::path(path).stem().string() != suite.id) {
      fields.Report("id", fmt::format("must match the file name ('{}')", std::filesystem::path(path).stem().string()));
    }
  }
  suite.version = static_cast<int>(fields.Integer("version", 1, 1'000'000).value_or(1));
  suite.description = fields.String("description", false).value_or("");
  if (const auto task = fields.String("task", true)) {
    const auto& known = KnownTasks();
    if (std::find(known.begin(), known.end(), *task) == known.end()) {
      std::string list;
      for (const auto& name : known) {
        list += list.empty() ? name : ", " + name;
      }
      fields.Report("task", fmt::format("unknown task '{}' (known tasks: {})", *task, list));
    }
    suite.task = *task;
  }
  if (const auto dataset = fields.String("dataset", true)) {
    suite.dataset_path = ResolveBeside(path, *dataset);
  }
  suite.dataset_sha256 = fields.String("dataset_sha256", false).value_or("");
  suite.system_prompt = fields.String("system", false).value_or("");
  suite.template_line = fields.Line("template");
  suite.template_text = fields.String("template", true).value_or("");
  ReadFewShot(fields, path, suite, diagnostics);
  ReadMetrics(fields, path, suite, diagnostics);
  ReadPassRule(fields, path, suite, diagnostics);
  ReadGeneration(fields, path, suite.generation, diagnostics);
  if (fields.Has("where")) {
    const auto node = fields.Node("where");
    if (!node.IsMap()) {
      fields.Report("where", "must be a mapping of field: [accepted values]");
    } else {
      YamlFields where_fields(node, path, "where", diagnostics);
      for (const auto& entry : node) {
        const auto name = entry.first.Scalar();
        if (auto values = where_fields.StringList(name, true)) {
          suite.where.emplace_back(name, std::move(*values));
        }
      }
    }
  }
  if (diagnostics.empty()) {
    result.suite = std::move(suite);
  }
  return result;
}

}  // namespace etalon::config
