#include "etalon/compare/compare_run.hpp"

#include <filesystem>
#include <fstream>
#include <utility>

#include <fmt/format.h>

namespace etalon::compare {

namespace {

namespace fs = std::filesystem;

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw CompareInputError(fmt::format("{}: cannot read (give finished run folders)", path.string()));
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw CompareInputError(fmt::format("{}: not JSON: {}", path.string(), error.what()));
  }
}

void Require(bool holds, const fs::path& path, const std::string& field, const std::string& what) {
  if (!holds) {
    throw CompareInputError(fmt::format("{}: field '{}' {}", path.string(), field, what));
  }
}

}  // namespace

CompareRun LoadCompareRun(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw CompareInputError(fmt::format("{}: not a run folder", folder));
  }
  return LoadCompareRun(folder, ReadJson(fs::path(folder) / "summary.json"));
}

CompareRun LoadCompareRun(const std::string& folder, nlohmann::json summary) {
  CompareRun run;
  run.source = folder;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw CompareInputError(fmt::format("{}: not a run folder", folder));
  }
  const fs::path root = fs::path(folder);
  run.folder_name = (root.has_filename() ? root : root.parent_path()).filename().string();

  const auto summary_path = root / "summary.json";
  run.summary = std::move(summary);
  Require(run.summary.is_object(), summary_path, "(root)", "must be an object");
  Require(run.summary.contains("results") && run.summary.at("results").is_array(), summary_path, "results",
          "must be a list");
  Require(run.summary.contains("suites") && run.summary.at("suites").is_array(), summary_path, "suites",
          "must be a list");
  for (std::size_t i = 0; i < run.summary.at("results").size(); ++i) {
    const auto& entry = run.summary.at("results")[i];
    const auto field = fmt::format("results[{}]", i);
    Require(entry.is_object() && entry.contains("adapter") && entry.at("adapter").is_string(), summary_path,
            field + ".adapter", "must be a string");
    Require(entry.contains("suite") && entry.at("suite").is_string(), summary_path, field + ".suite",
            "must be a string");
    Require(entry.contains("metrics") && entry.at("metrics").is_object(), summary_path, field + ".metrics",
            "must be an object");
  }
  for (std::size_t i = 0; i < run.summary.at("suites").size(); ++i) {
    const auto& suite = run.summary.at("suites")[i];
    const auto field = fmt::format("suites[{}]", i);
    Require(suite.is_object() && suite.contains("id") && suite.at("id").is_string(), summary_path, field + ".id",
            "must be a string");
    Require(suite.contains("metrics") && suite.at("metrics").is_array(), summary_path, field + ".metrics",
            "must be a list");
    for (std::size_t j = 0; j < suite.at("metrics").size(); ++j) {
      const auto& metric = suite.at("metrics")[j];
      const auto metric_field = fmt::format("{}.metrics[{}]", field, j);
      Require(metric.is_object() && metric.contains("name") && metric.at("name").is_string(), summary_path,
              metric_field + ".name", "must be a string");
      Require(metric.contains("higher_is_better") && metric.at("higher_is_better").is_boolean(), summary_path,
              metric_field + ".higher_is_better", "must be true or false");
      Require(metric.contains("aggregation") && metric.at("aggregation").is_string(), summary_path,
              metric_field + ".aggregation", "must be mean or corpus");
    }
  }

  const auto run_path = root / "run.json";
  const auto record = ReadJson(run_path);
  const auto suites = nlohmann::json::json_pointer("/components/suites");
  Require(record.is_object() && record.contains(suites) && record.at(suites).is_object(), run_path,
          "components.suites", "must be an object");
  run.suites_as_written = record.at(suites);

  run.results_path = (root / "results.jsonl").string();
  if (!fs::exists(run.results_path, error)) {
    throw CompareInputError(fmt::format("{}: cannot read (the paired comparison needs the results)", run.results_path));
  }
  return run;
}

}  // namespace etalon::compare
