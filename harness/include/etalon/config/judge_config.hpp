// A judge file (`etalon judge RUN --judge FILE`): which model judges, with
// which rubric, which of the run's offers and suites. The judge is an
// adapter entry written exactly as in a plan, built by the same registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/core/diagnostic.hpp"

namespace etalon::config {

struct JudgeConfig {
  std::string path;
  AdapterConfig judge;
  std::string rubric_id;
  std::string rubric_path;             // resolved: <suites_dir>/rubrics/<rubric_id>.yaml
  std::vector<std::string> suites;     // the run's suites to judge; empty: all
  std::vector<std::string> adapters;   // the run's offers to judge; empty: all
  std::size_t concurrency = 4;         // judge requests in flight
  double request_timeout_s = 120;      // the judge adapter's per-request deadline
  std::int64_t seed = 20261128;        // the judge adapter's retry-jitter seed
  nlohmann::json as_written;
};

struct JudgeConfigLoadResult {
  std::optional<JudgeConfig> config;
  core::Diagnostics diagnostics;
};

// Relative `suites_dir` is taken from the file's folder; when absent, `default_suites_dir`.
JudgeConfigLoadResult LoadJudgeConfig(const std::string& path, const std::string& default_suites_dir);

}  // namespace etalon::config
