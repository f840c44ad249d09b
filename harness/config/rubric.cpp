#include "etalon/config/rubric.hpp"

#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "config/generation_entry.hpp"
#include "config/yaml_fields.hpp"
#include "etalon/core/identifier.hpp"
#include "etalon/core/sha256.hpp"

namespace etalon::config {

std::string_view ToString(JudgeMode mode) {
  switch (mode) {
    case JudgeMode::kScore:
      return "score";
    case JudgeMode::kPassFail:
      return "pass_fail";
    case JudgeMode::kPairwise:
      return "pairwise";
  }
  return "score";
}

std::string RubricPath(const std::string& suites_dir, const std::string& rubric_id) {
  return (std::filesystem::path(suites_dir) / "rubrics" / (rubric_id + ".yaml")).string();
}

namespace {

bool UsesVariable(const std::string& template_text, const std::string& name) {
  const std::regex use("\\{\\{\\{?\\s*&?\\s*" + name + "\\s*\\}");
  return std::regex_search(template_text, use);
}

}  // namespace

RubricLoadResult LoadRubric(const std::string& path) {
  RubricLoadResult result;
  auto& diagnostics = result.diagnostics;
  const auto root = LoadYamlFile(path, diagnostics);
  if (!root) {
    return result;
  }
  Rubric rubric;
  rubric.path = path;
  rubric.sha256 = core::Sha256HexOfFile(path).value_or("");
  rubric.as_written = YamlToJson(*root);
  YamlFields fields(*root, path, "", diagnostics);
  fields.RejectUnknown({"id", "version", "mode", "description", "system", "template", "generation"});
  rubric.id = fields.String("id", true).value_or("");
  if (!rubric.id.empty()) {
    if (!core::IsValidIdentifier(rubric.id)) {
      fields.Report("id", core::kIdentifierRule);
    } else if (std::filesystem::path(path).stem().string() != rubric.id) {
      fields.Report("id", fmt::format("must match the file name ('{}')", std::filesystem::path(path).stem().string()));
    }
  }
  rubric.version = static_cast<int>(fields.Integer("version", 1, 1'000'000).value_or(0));
  if (!fields.Has("version")) {
    fields.Report("version", "is required: a judgment names the rubric's version");
  }
  rubric.description = fields.String("description", false).value_or("");
  if (const auto mode = fields.String("mode", true)) {
    if (*mode == "score") {
      rubric.mode = JudgeMode::kScore;
    } else if (*mode == "pass_fail") {
      rubric.mode = JudgeMode::kPassFail;
    } else if (*mode == "pairwise") {
      rubric.mode = JudgeMode::kPairwise;
    } else {
      fields.Report("mode", fmt::format("unknown mode '{}' (known: score, pass_fail, pairwise)", *mode));
    }
  }
  rubric.system_prompt = fields.String("system", false).value_or("");
  rubric.template_text = fields.String("template", true).value_or("");
  if (!rubric.template_text.empty()) {
    const std::vector<std::string> needed = rubric.mode == JudgeMode::kPairwise
                                                ? std::vector<std::string>{"output_a", "output_b"}
                                                : std::vector<std::string>{"output"};
    for (const auto& name : needed) {
      if (!UsesVariable(rubric.template_text, name)) {
        fields.Report("template", fmt::format("must show the answer to judge as {{{{{}}}}}", name));
      }
    }
  }
  ReadGeneration(fields, path, rubric.generation, diagnostics);
  if (diagnostics.empty()) {
    result.rubric = std::move(rubric);
  }
  return result;
}

}  // namespace etalon::config
