#include "compare_command.hpp"

#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/compare/comparison.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/compare_report.hpp"
#include "exit_codes.hpp"
#include "report_language.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon compare RUN_DIR [RUN_DIR...] [--lang fr|en] [--json FILE] [--markdown FILE] [--seed N]\n"
    "Compares every pair of offers (a run's adapter) on the samples they share, suite by suite and\n"
    "metric by metric: difference with its 95% confidence interval, p-value, Holm-adjusted p-value and\n"
    "minimum detectable difference; then the Pareto fronts of quality against cost, energy and latency.\n"
    "Prints Markdown on stdout. Exit code: 0 done, 2 usage or input error.";

// The first run's seed unless --seed is given, so that a comparison of the
// same runs gives the same figures without one.
std::uint64_t SeedOf(const po::variables_map& values, const std::vector<compare::CompareRun>& runs) {
  if (values.count("seed") > 0) {
    return values["seed"].as<std::uint64_t>();
  }
  const auto seed = runs.front().summary.find("run");
  if (seed != runs.front().summary.end() && seed->is_object() && seed->contains("seed") &&
      seed->at("seed").is_number_integer()) {
    return static_cast<std::uint64_t>(seed->at("seed").get<std::int64_t>());
  }
  return 0;
}

}  // namespace

int RunCompareCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon compare options");
  options.add_options()
      ("help,h", "show this help")
      ("run-dir", po::value<std::vector<std::string>>(), "finished run folders (summary.json, run.json, results.jsonl)")
      ("lang", po::value<std::string>()->default_value("fr"), "language of the text people read: fr or en")
      ("json", po::value<std::string>(), "also write the comparison as JSON to this file")
      ("markdown", po::value<std::string>(), "also write the Markdown to this file")
      ("seed", po::value<std::uint64_t>(), "seed of the bootstrap and permutation draws (default: the first run's)");
  po::positional_options_description positional;
  positional.add("run-dir", -1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  if (values->count("run-dir") == 0) {
    std::cerr << "etalon: compare needs at least one run folder\n" << kUsage << "\n";
    return kExitInputError;
  }
  const auto language = ReadLanguage(*values);
  if (!language) {
    return kExitInputError;
  }

  compare::Comparison comparison;
  try {
    std::vector<compare::CompareRun> runs;
    for (const auto& folder : (*values)["run-dir"].as<std::vector<std::string>>()) {
      runs.push_back(compare::LoadCompareRun(folder));
    }
    compare::CompareSettings settings;
    settings.seed = SeedOf(*values, runs);
    comparison = compare::CompareRuns(runs, settings);
  } catch (const compare::CompareInputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }

  std::ostringstream markdown;
  reports::CompareMarkdownWriter(*language).Write(comparison, markdown);
  try {
    if (values->count("json") > 0) {
      std::ostringstream json;
      reports::CompareJsonWriter().Write(comparison, json);
      core::WriteFileAtomically((*values)["json"].as<std::string>(), json.str());
    }
    if (values->count("markdown") > 0) {
      core::WriteFileAtomically((*values)["markdown"].as<std::string>(), markdown.str());
    }
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  std::cout << markdown.str();
  return kExitSuccess;
}

}  // namespace etalon::cli
