#include "list_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "etalon/reports/reporter.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage = "usage: etalon list suites|adapters|metrics|reporters [--suites-dir DIR]";

int ListSuites(const std::string& suites_dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(suites_dir, error)) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  if (error) {
    std::cerr << fmt::format("etalon: cannot read suites folder {}: {}\n", suites_dir, error.message());
    return kExitInputError;
  }
  std::sort(files.begin(), files.end());
  std::cout << fmt::format("{:<28} {:<11} {:>8}  {}\n", "SUITE", "TASK", "SAMPLES", "METRICS");
  int status = kExitSuccess;
  for (const auto& file : files) {
    core::Diagnostics diagnostics;
    const auto prepared = run::PrepareSuite(file.string(), diagnostics);
    if (!prepared) {
      std::cout << fmt::format("{:<28} invalid: {} problem(s), see `etalon validate {}`\n", file.stem().string(),
                               diagnostics.size(), file.string());
      status = kExitInputError;
      continue;
    }
    std::string metrics;
    for (const auto& metric : prepared->metrics) {
      metrics += (metrics.empty() ? "" : ", ") + metric->Info().name;
    }
    std::cout << fmt::format("{:<28} {:<11} {:>8}  {}\n", prepared->suite.id, prepared->suite.task,
                             prepared->dataset.samples, metrics);
  }
  return status;
}

}  // namespace

int RunListCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon list options");
  options.add_options()
      ("help,h", "show this help")
      ("what", po::value<std::string>(), "suites, adapters, metrics or reporters")
      ("suites-dir", po::value<std::string>(), "where suite files are (default: suites/ of the data root)");
  po::positional_options_description positional;
  positional.add("what", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto what = values->count("what") > 0 ? (*values)["what"].as<std::string>() : "";
  if (what == "suites") {
    const auto dir = values->count("suites-dir") > 0 ? (*values)["suites-dir"].as<std::string>()
                                                    : (fs::path(DataRoot()) / "suites").string();
    return ListSuites(dir);
  }
  if (what == "adapters") {
    for (const auto& kind : adapters::ListAdapterKinds()) {
      std::cout << fmt::format("{:<22} {}\n{:<22} options: {}\n", kind.kind, kind.description, "", kind.options);
    }
    return kExitSuccess;
  }
  if (what == "metrics") {
    for (const auto& metric : metrics::ListMetrics()) {
      std::cout << fmt::format("{:<16} {}\n", metric.name, metric.description);
      if (!metric.parameters.empty()) {
        std::cout << fmt::format("{:<16} parameters: {}\n", "", metric.parameters);
      }
    }
    return kExitSuccess;
  }
  if (what == "reporters") {
    for (const auto& reporter : reports::AllReporters()) {
      std::cout << fmt::format("{:<8} {}\n", reporter->Format(), reporter->Description());
    }
    return kExitSuccess;
  }
  std::cerr << "etalon: list what? " << (what.empty() ? "" : "'" + what + "' is not a list; ") << kUsage << "\n";
  return kExitInputError;
}

}  // namespace etalon::cli
