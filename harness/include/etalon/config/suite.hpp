// A task suite: a dataset, a French prompt template, metrics and decoding
// settings (compare Inspect AI's task = dataset + solver + scorer).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/diagnostic.hpp"
#include "etalon/core/request.hpp"
#include "etalon/metrics/metric_registry.hpp"

namespace etalon::config {

struct FewShotConfig {
  std::string path;   // JSONL of exemplars, kept apart from the test items
  std::size_t count = 0;  // how many exemplars (the first `count` lines)
};

// When a sample counts as a correct answer, for cost per correct answer: its
// `metric` value reaches `threshold` (at least, or at most for a metric where
// lower is better).
struct PassRule {
  std::string metric;
  double threshold = 0;
};

struct Suite {
  std::string path;  // the suite file
  std::string id;
  int version = 1;
  std::string task;          // chat | qa | rag | summarize | translate | transcribe | ocr | classify | extract
  std::string description;
  std::string dataset_path;  // resolved against the suite's folder
  std::string dataset_sha256;  // as declared in the suite; empty when not declared
  std::string system_prompt;
  std::string template_text;
  std::size_t template_line = 0;
  std::optional<FewShotConfig> few_shot;
  std::vector<metrics::MetricSpec> metrics;
  std::size_t metrics_line = 0;
  std::optional<PassRule> pass;
  core::GenerationSettings generation;
  // Samples kept: field -> accepted values (all fields must match); empty keeps every sample.
  // Lets a suite take the part of a dataset an engine covers (apertium: fr<->es only).
  std::vector<std::pair<std::string, std::vector<std::string>>> where;
  nlohmann::json as_written;

  bool Includes(const core::Sample& sample) const;
};

struct SuiteLoadResult {
  std::optional<Suite> suite;
  core::Diagnostics diagnostics;
};

const std::vector<std::string>& KnownTasks();

SuiteLoadResult LoadSuite(const std::string& path);

// suites_dir/<id>.yaml
std::string SuitePath(const std::string& suites_dir, const std::string& suite_id);

}  // namespace etalon::config
