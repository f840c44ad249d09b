#include "award_command.hpp"

#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/award/award_sensitivity.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/award_report.hpp"
#include "exit_codes.hpp"
#include "plan_setup.hpp"
#include "report_language.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon award RUN [RUN...] --criteria FILE.yaml [--markdown FILE] [--json FILE] [--html FILE]\n"
    "                    [--lang fr|en] [--seed N] [--samples N]\n"
    "Scores the adapters of finished runs (folders or summary.json files) as offers of a public contract:\n"
    "eliminatory requirements, points per criterion, total and rank, and how the winner depends on the\n"
    "weights (docs/award.md). Markdown goes to standard output unless --markdown is given.\n"
    "Exit code: 0 done, 2 usage or input error.";

void PrintDiagnostics(const core::Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    std::cerr << "error: " << diagnostic.ToString() << "\n";
  }
}

}  // namespace

int RunAwardCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon award options");
  options.add_options()
      ("help,h", "show this help")
      ("runs", po::value<std::vector<std::string>>()->multitoken(), "run folders or summary.json files")
      ("criteria", po::value<std::string>(), "the award criteria file (YAML)")
      ("markdown", po::value<std::string>(), "where to write the Markdown table (default: standard output)")
      ("json", po::value<std::string>(), "where to write the JSON table")
      ("html", po::value<std::string>(), "where to write the table as a self-contained HTML page")
      ("lang", po::value<std::string>()->default_value("fr"), "Markdown and HTML language: fr or en")
      ("seed", po::value<std::uint64_t>(), "seed of the Dirichlet draws (default: the file's, else 20261128)")
      ("samples", po::value<std::size_t>(), "Dirichlet draws (default: the file's, else 10000)");
  po::positional_options_description positional;
  positional.add("runs", -1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  if (values->count("runs") == 0 || values->count("criteria") == 0) {
    std::cerr << "etalon: award needs at least one run and --criteria\n" << kUsage << "\n";
    return kExitInputError;
  }
  const auto language = ReadLanguage(*values);
  if (!language) {
    return kExitInputError;
  }
  core::Diagnostics diagnostics;
  auto criteria = award::LoadAwardCriteria((*values)["criteria"].as<std::string>(), diagnostics);
  const auto catalog = LoadShippedCatalog(diagnostics);
  if (!criteria || !catalog) {
    PrintDiagnostics(diagnostics);
    return kExitInputError;
  }
  if (values->count("seed") > 0) {
    criteria->sensitivity.seed = (*values)["seed"].as<std::uint64_t>();
  }
  if (values->count("samples") > 0) {
    criteria->sensitivity.samples = (*values)["samples"].as<std::size_t>();
    if (criteria->sensitivity.samples == 0) {
      std::cerr << "etalon: --samples must be at least 1\n";
      return kExitInputError;
    }
  }
  award::AwardTable table;
  try {
    const auto inputs = award::LoadAwardInputs((*values)["runs"].as<std::vector<std::string>>(), *criteria, &*catalog);
    table = award::EvaluateAward(*criteria, inputs);
  } catch (const award::AwardInputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  const auto sensitivity = award::AnalyseSensitivity(table, criteria->sensitivity);

  std::ostringstream markdown;
  reports::WriteAwardMarkdown(table, sensitivity, *language, markdown);
  try {
    if (values->count("json") > 0) {
      std::ostringstream json;
      reports::WriteAwardJson(table, sensitivity, json);
      core::WriteFileAtomically((*values)["json"].as<std::string>(), json.str());
    }
    if (values->count("html") > 0) {
      std::ostringstream html;
      reports::WriteAwardHtml(table, sensitivity, *language, html);
      core::WriteFileAtomically((*values)["html"].as<std::string>(), html.str());
    }
    if (values->count("markdown") > 0) {
      core::WriteFileAtomically((*values)["markdown"].as<std::string>(), markdown.str());
    } else {
      std::cout << markdown.str();
    }
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  const auto winner = table.winner();
  std::cerr << fmt::format("award: {} offers, {} in competition, first: {}\n", table.offers.size(), table.competing(),
                           winner ? table.offers[*winner].offer.name : std::string("none (no offer, or a tie)"));
  return kExitSuccess;
}

}  // namespace etalon::cli
