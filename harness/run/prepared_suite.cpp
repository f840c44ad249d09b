#include "etalon/run/prepared_suite.hpp"

#include <filesystem>
#include <set>

#include <fmt/format.h>

namespace etalon::run {

namespace {

// The first `count` exemplars of a few-shot file; every line must be good.
std::vector<core::Sample> LoadExemplars(const config::FewShotConfig& few_shot, const std::string& suite_path,
                                        std::string& sha256, core::Diagnostics& diagnostics) {
  std::vector<core::Sample> exemplars;
  core::Sha256 hash;
  dataset::JsonlDataset file(few_shot.path, &hash);
  if (!file.is_open()) {
    diagnostics.push_back({suite_path, 0, "few_shot.path", fmt::format("cannot open '{}'", few_shot.path)});
    return exemplars;
  }
  core::Sample sample;
  core::Diagnostic problem;
  for (;;) {
    const auto read = file.Next(sample, problem);
    if (read == dataset::JsonlDataset::Read::kEnd) {
      break;
    }
    if (read == dataset::JsonlDataset::Read::kBadLine) {
      diagnostics.push_back(problem);
    } else if (exemplars.size() < few_shot.count) {
      exemplars.push_back(sample);
    }
  }
  if (exemplars.size() < few_shot.count) {
    diagnostics.push_back({suite_path, 0, "few_shot.count",
                           fmt::format("asks for {} exemplars but '{}' has {}", few_shot.count, few_shot.path,
                                       exemplars.size())});
  }
  sha256 = hash.HexDigest();
  return exemplars;
}

}  // namespace

std::unique_ptr<PreparedSuite> PrepareSuite(const std::string& suite_path, core::Diagnostics& diagnostics) {
  auto loaded = config::LoadSuite(suite_path);
  if (!loaded.suite) {
    diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
    return nullptr;
  }
  auto prepared = std::make_unique<PreparedSuite>();
  prepared->suite = std::move(*loaded.suite);
  const auto& suite = prepared->suite;
  prepared->dataset_dir = std::filesystem::path(suite.dataset_path).parent_path().string();
  const std::size_t first_problem = diagnostics.size();

  for (const auto& spec : suite.metrics) {
    auto made = metrics::MakeMetrics(spec);
    for (auto& metric : std::get<std::vector<std::unique_ptr<metrics::Metric>>>(made)) {
      prepared->metrics.push_back(std::move(metric));
    }
  }

  std::vector<core::Sample> exemplars;
  std::set<std::string> exemplar_ids;
  if (suite.few_shot) {
    exemplars = LoadExemplars(*suite.few_shot, suite.path, prepared->few_shot_sha256, diagnostics);
    for (const auto& exemplar : exemplars) {
      exemplar_ids.insert(exemplar.id);
    }
  }
  prepared->renderer = std::make_unique<prompt::PromptRenderer>(suite.template_text, exemplars);
  if (const auto error = prepared->renderer->TemplateError()) {
    diagnostics.push_back({suite.path, suite.template_line, "template", "invalid mustache template: " + *error});
    return nullptr;
  }

  const auto& renderer = *prepared->renderer;
  prepared->dataset = dataset::CheckDataset(
      suite.dataset_path, diagnostics, [&](const core::Sample& sample, core::Diagnostics& problems) {
        for (const auto& missing : renderer.Render(sample).missing) {
          problems.push_back({suite.dataset_path, sample.line, missing,
                              fmt::format("missing, but the template of {} uses {{{{{}}}}}", suite.path, missing)});
        }
        if (exemplar_ids.count(sample.id) > 0) {
          problems.push_back({suite.dataset_path, sample.line, "id",
                              fmt::format("'{}' is also a few-shot exemplar; test items must be held out", sample.id)});
        }
      },
      50, [&suite](const core::Sample& sample) { return suite.Includes(sample); });
  if (!suite.dataset_sha256.empty() && !prepared->dataset.sha256.empty() &&
      suite.dataset_sha256 != prepared->dataset.sha256) {
    diagnostics.push_back({suite.path, 0, "dataset_sha256",
                           fmt::format("declared {} but the dataset's sha256 is {}", suite.dataset_sha256,
                                       prepared->dataset.sha256)});
  }
  if (prepared->dataset.samples == 0 && diagnostics.size() == first_problem) {
    diagnostics.push_back({suite.dataset_path, 0, "", "the dataset has no samples"});
  }
  if (diagnostics.size() != first_problem) {
    return nullptr;
  }
  return prepared;
}

std::vector<std::unique_ptr<PreparedSuite>> PrepareSuites(const config::Plan& plan,
                                                          const std::vector<std::string>& suite_ids,
                                                          core::Diagnostics& diagnostics) {
  std::vector<std::unique_ptr<PreparedSuite>> suites;
  for (const auto& id : suite_ids) {
    const auto path = config::SuitePath(plan.suites_dir, id);
    if (!std::filesystem::exists(path)) {
      diagnostics.push_back({plan.path, plan.suites_line, "suites",
                             fmt::format("unknown suite '{}': no file {} (see `etalon list suites`)", id, path)});
      continue;
    }
    if (auto prepared = PrepareSuite(path, diagnostics)) {
      suites.push_back(std::move(prepared));
    }
  }
  return suites;
}

}  // namespace etalon::run
