#include "validate_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "command_line.hpp"
#include "etalon/award/award_criteria.hpp"
#include "etalon/config/judge_config.hpp"
#include "etalon/config/rubric.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/prompt/prompt_renderer.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "exit_codes.hpp"
#include "plan_setup.hpp"

namespace etalon::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage = "usage: etalon validate PATH...\n"
                               "Checks plans, suites, judge rubrics and judge files, award criteria, datasets (.jsonl)\nand model catalogs, or every such file in a folder, "
                               "and prints every problem with its file:line and field. Exit code 2 if any.";

enum class FileKind { kPlan, kSuite, kRubric, kJudge, kAwardCriteria, kDataset, kCatalog, kOther };

// A YAML file is a plan when it has `adapters`, a model catalog when it has
// `models` and `providers`, a judge file when it has `judge` and `rubric`,
// award criteria (docs/award.md) when it has `criteria`, a rubric when it has
// `mode` and `template` but no `task`, a suite when it has `template` or `task`;
// anything else (a baseline's keyword list...) is another file.
FileKind KindOf(const fs::path& path) {
  const auto extension = path.extension().string();
  if (extension == ".jsonl") {
    return FileKind::kDataset;
  }
  if (extension != ".yaml" && extension != ".yml") {
    return FileKind::kOther;
  }
  try {
    const auto root = YAML::LoadFile(path.string());
    if (root.IsMap() && root["judge"].IsDefined() && root["rubric"].IsDefined()) {
      return FileKind::kJudge;
    }
    if (root.IsMap() && root["adapters"].IsDefined()) {
      return FileKind::kPlan;
    }
    if (root.IsMap() && root["models"].IsDefined() && root["providers"].IsDefined()) {
      return FileKind::kCatalog;
    }
    if (root.IsMap() && root["criteria"].IsDefined()) {
      return FileKind::kAwardCriteria;
    }
    if (root.IsMap() && root["mode"].IsDefined() && root["template"].IsDefined() && !root["task"].IsDefined()) {
      return FileKind::kRubric;
    }
    if (root.IsMap() && !root["template"].IsDefined() && !root["task"].IsDefined()) {
      return FileKind::kOther;
    }
  } catch (const YAML::Exception&) {
    // Unparseable: validate it as a suite, which reports the YAML error with its line.
  }
  return FileKind::kSuite;
}

void ValidateFile(const fs::path& path, core::Diagnostics& diagnostics) {
  switch (KindOf(path)) {
    case FileKind::kPlan:
      LoadPlanForRun(path.string(), {}, diagnostics);
      break;
    case FileKind::kSuite:
      run::PrepareSuite(path.string(), diagnostics);
      break;
    case FileKind::kRubric: {
      auto rubric = config::LoadRubric(path.string());
      diagnostics.insert(diagnostics.end(), rubric.diagnostics.begin(), rubric.diagnostics.end());
      if (rubric.rubric) {
        if (const auto error = prompt::PromptRenderer(rubric.rubric->template_text, {}).TemplateError()) {
          diagnostics.push_back({path.string(), 0, "template", *error});
        }
      }
      break;
    }
    case FileKind::kJudge: {
      auto judge = config::LoadJudgeConfig(path.string(), DefaultSuitesDir(path.string()));
      diagnostics.insert(diagnostics.end(), judge.diagnostics.begin(), judge.diagnostics.end());
      if (judge.config) {
        const auto rubric = config::LoadRubric(judge.config->rubric_path);
        diagnostics.insert(diagnostics.end(), rubric.diagnostics.begin(), rubric.diagnostics.end());
      }
      break;
    }
    case FileKind::kDataset:
      dataset::CheckDataset(path.string(), diagnostics);
      break;
    case FileKind::kCatalog:
      // Its zones' electricity mixes sit beside it, as in adapters/catalog/.
      meters::ModelCatalog::Load(path.string(), (path.parent_path() / "electricity_mixes.yaml").string(), diagnostics);
      break;
    case FileKind::kAwardCriteria:
      award::LoadAwardCriteria(path.string(), diagnostics);
      break;
    case FileKind::kOther:
      diagnostics.push_back({path.string(), 0, "", "not a plan, suite or dataset (.yaml, .yml or .jsonl)"});
      break;
  }
}

}  // namespace

int RunValidateCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon validate options");
  options.add_options()("help,h", "show this help")("path", po::value<std::vector<std::string>>(), "files or folders");
  po::positional_options_description positional;
  positional.add("path", -1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  if (values->count("path") == 0) {
    std::cerr << "etalon: validate needs at least one PATH\n" << kUsage << "\n";
    return kExitInputError;
  }
  std::size_t checked = 0;
  core::Diagnostics diagnostics;
  for (const auto& argument : (*values)["path"].as<std::vector<std::string>>()) {
    const fs::path path(argument);
    if (!fs::exists(path)) {
      diagnostics.push_back({argument, 0, "", "no such file or folder"});
      continue;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        const auto extension = entry.path().extension().string();
        // few_shot files are checked through the suite that uses them.
        if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml" || extension == ".jsonl")) {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    for (const auto& file : files) {
      if (fs::is_directory(path)) {
        if (KindOf(file) == FileKind::kOther) {
          std::cout << "skipped (not a plan, suite or dataset): " << file.string() << "\n";
          continue;
        }
      }
      const std::size_t before = diagnostics.size();
      ValidateFile(file, diagnostics);
      ++checked;
      if (diagnostics.size() == before) {
        std::cout << "ok: " << file.string() << "\n";
      }
    }
  }
  for (const auto& diagnostic : diagnostics) {
    std::cerr << "error: " << diagnostic.ToString() << "\n";
  }
  if (!diagnostics.empty()) {
    std::cerr << fmt::format("etalon: {} problem{} in {} file{} checked\n", diagnostics.size(),
                             diagnostics.size() == 1 ? "" : "s", checked, checked == 1 ? "" : "s");
    return kExitInputError;
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
