// A suite made ready to run: file loaded, metrics built, template checked
// against every sample of its dataset (one streaming pass that also hashes
// the dataset). All problems are collected, so a bad plan fails before any
// request is sent and before any result file exists.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "etalon/config/plan.hpp"
#include "etalon/config/suite.hpp"
#include "etalon/core/diagnostic.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/metrics/metric.hpp"
#include "etalon/prompt/prompt_renderer.hpp"

namespace etalon::run {

struct PreparedSuite {
  config::Suite suite;
  std::vector<std::unique_ptr<metrics::Metric>> metrics;
  std::unique_ptr<prompt::PromptRenderer> renderer;
  dataset::DatasetCheck dataset;
  std::string dataset_dir;  // folder of the dataset file, for media paths
  std::string few_shot_sha256;  // empty without few-shot exemplars
};

// Loads and checks one suite file (and its dataset and exemplars).
std::unique_ptr<PreparedSuite> PrepareSuite(const std::string& suite_path, core::Diagnostics& diagnostics);

// The suites `suite_ids` of a plan, in that order. `line` locates the plan's suites entry.
std::vector<std::unique_ptr<PreparedSuite>> PrepareSuites(const config::Plan& plan,
                                                          const std::vector<std::string>& suite_ids,
                                                          core::Diagnostics& diagnostics);

}  // namespace etalon::run
