#include "report_command.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/reporter.hpp"
#include "exit_codes.hpp"
#include "output_folder.hpp"
#include "report_language.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon report RUN_DIR [--format html,md,csv,json,junit] [--lang fr|en] [--out DIR] [--csv-bom]\n"
    "Renders the reports of a finished run from its files.";

std::string KnownFormats() {
  std::string formats;
  for (const auto& reporter : reports::AllReporters()) {
    formats += (formats.empty() ? "" : ", ") + reporter->Format();
  }
  return formats;
}

}  // namespace

int RunReportCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon report options");
  // --format: comma-separated, from html, md, csv, json, junit (see `etalon list reporters`)
  options.add_options()
      ("help,h", "show this help")
      ("run-dir", po::value<std::string>()->required(), "the run folder (holds summary.json and results.jsonl)")
      ("format", po::value<std::string>()->default_value("html,md,csv,json,junit"), "formats to write, comma-separated")
      ("lang", po::value<std::string>()->default_value("fr"), "language of the text people read: fr or en")
      ("out,o", po::value<std::string>(), "folder for the reports (default: the run folder)")
      ("csv-bom", po::bool_switch(), "start results.csv with a UTF-8 byte order mark, for spreadsheet programs");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto language_choice = ReadLanguage(*values);
  if (!language_choice) {
    return kExitInputError;
  }
  const auto language = *language_choice;
  reports::ReporterOptions reporter_options;
  reporter_options.csv_byte_order_mark = (*values)["csv-bom"].as<bool>();
  std::vector<std::unique_ptr<reports::Reporter>> reporters;
  for (const auto& format : SplitList((*values)["format"].as<std::string>())) {
    auto reporter = reports::MakeReporter(format, reporter_options);
    if (!reporter) {
      std::cerr << fmt::format("etalon: unknown report format '{}' (known: {}; see `etalon list reporters`)\n", format,
                               KnownFormats());
      return kExitInputError;
    }
    reporters.push_back(std::move(reporter));
  }
  if (reporters.empty()) {
    std::cerr << "etalon: --format names no format (known: " << KnownFormats() << ")\n";
    return kExitInputError;
  }

  const auto run_dir = (*values)["run-dir"].as<std::string>();
  const auto out = values->count("out") > 0 ? (*values)["out"].as<std::string>() : run_dir;
  std::vector<std::pair<std::string, std::string>> documents;
  try {
    const auto run = reports::LoadRunDocuments(run_dir);
    for (const auto& reporter : reporters) {
      std::ostringstream document;
      reporter->Write(run, language, document);
      documents.emplace_back((std::filesystem::path(out) / reporter->FileName()).string(), document.str());
    }
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  if (const auto problem = CreateOutputFolder(out)) {
    std::cerr << "error: " << *problem << "\n";
    return kExitInputError;
  }
  try {
    for (const auto& [path, content] : documents) {
      core::WriteFileAtomically(path, content);
      std::cout << "report:  " << path << "\n";
    }
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInternalError;
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
