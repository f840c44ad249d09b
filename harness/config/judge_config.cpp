#include "etalon/config/judge_config.hpp"

#include <filesystem>

#include "config/adapter_entry.hpp"
#include "config/yaml_fields.hpp"
#include "etalon/config/rubric.hpp"
#include "etalon/core/identifier.hpp"

namespace etalon::config {

JudgeConfigLoadResult LoadJudgeConfig(const std::string& path, const std::string& default_suites_dir) {
  JudgeConfigLoadResult result;
  auto& diagnostics = result.diagnostics;
  const auto root = LoadYamlFile(path, diagnostics);
  if (!root) {
    return result;
  }
  JudgeConfig config;
  config.path = path;
  config.as_written = YamlToJson(*root);
  YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown(
      {"judge", "rubric", "suites", "adapters", "concurrency", "request_timeout_s", "seed", "suites_dir"});
  if (!fields.Has("judge")) {
    fields.Report("judge", "is required: an adapter entry (id, kind, model, options) as in a plan");
  } else if (!fields.Node("judge").IsMap()) {
    fields.Report("judge", "must be a mapping with id and kind, as a plan's adapter entry");
  } else {
    config.judge = ReadAdapterEntry(fields.Node("judge"), path, "judge", diagnostics);
    if (!config.judge.suites.empty()) {
      fields.Report("judge", "'suites' has no meaning for a judge; list the suites to judge at the top level");
    }
  }
  config.rubric_id = fields.String("rubric", true).value_or("");
  if (!config.rubric_id.empty() && !core::IsValidIdentifier(config.rubric_id)) {
    fields.Report("rubric", core::kIdentifierRule);
  }
  config.suites = fields.StringList("suites", false).value_or(std::vector<std::string>{});
  config.adapters = fields.StringList("adapters", false).value_or(std::vector<std::string>{});
  config.concurrency = static_cast<std::size_t>(fields.Integer("concurrency", 1, 4096).value_or(4));
  config.request_timeout_s = fields.Number("request_timeout_s", 0.001, 86400).value_or(config.request_timeout_s);
  config.seed = fields.Integer("seed", 0, INT64_MAX).value_or(config.seed);
  const auto suites_dir = fields.String("suites_dir", false);
  const auto folder = suites_dir ? (std::filesystem::path(path).parent_path() / *suites_dir).lexically_normal().string()
                                 : default_suites_dir;
  config.rubric_path = RubricPath(folder, config.rubric_id);
  if (diagnostics.empty()) {
    result.config = std::move(config);
  }
  return result;
}

}  // namespace etalon::config
