#include "import_command.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/dataset/csv_import.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: etalon import csv FILE --map FIELD=COLUMN[,FIELD=COLUMN...] --out DIR [--id COLUMN]\n"
    "                        [--delimiter ';'|','|tab] [--encoding utf-8|windows-1252] [--force]";

std::optional<char> ReadDelimiter(const std::string& text) {
  if (text == "tab" || text == "\\t" || text == "\t") {
    return '\t';
  }
  if (text == ";" || text == "," || text == "|") {
    return text[0];
  }
  return std::nullopt;
}

// What the importer knows goes in; what only the data's owner knows is left
// as questions, since a datasheet is how a later reader judges the results.
std::string DatasheetStub(const std::string& name, const std::string& source, const std::string& source_sha256,
                          const dataset::CsvImportOutcome& outcome, const dataset::CsvImportSettings& settings) {
  std::string fields;
  for (const auto& [field, column] : settings.field_columns) {
    fields += fmt::format("| `{}` | {} |\n", field, column);
  }
  return fmt::format(
      "# Fiche de données : `{}`\n\n"
      "Jeu importé par `etalon import csv` depuis `{}` (sha256 `{}`) : {} échantillons.\n\n"
      "## Champs\n\n| champ | colonne d'origine |\n| --- | --- |\n| `id` | {} |\n{}\n"
      "## À compléter par le propriétaire des données\n\n"
      "- Provenance : qui a écrit ces questions et ces réponses, quand, pour quel service ?\n"
      "- Licence et droits de diffusion : ce jeu peut-il être publié avec les résultats ?\n"
      "- Données personnelles : le jeu en contient-il ? Ont-elles été retirées ou pseudonymisées ?\n"
      "- Représentativité : ces exemples ressemblent-ils aux demandes réelles du service ?\n"
      "- Qualité des réponses de référence : qui les a relues ?\n",
      name, source, source_sha256, outcome.samples,
      settings.id_column ? "colonne « " + *settings.id_column + " »" : std::string("numéro de ligne du tableur"),
      fields);
}

}  // namespace

int RunImportCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon import options");
  options.add_options()("help,h", "show this help")("format", po::value<std::string>()->required(),
                                                      "the input format: csv")(
      "file", po::value<std::string>()->required(), "the spreadsheet export")(
      "map", po::value<std::vector<std::string>>()->required()->composing(),
      "FIELD=COLUMN pairs, comma-separated or repeated: sample field <- column header")(
      "out", po::value<std::string>()->required(), "dataset folder to write (data.jsonl, DATASHEET.md)")(
      "id", po::value<std::string>(), "column holding sample ids (default: ligne-N, N the spreadsheet row)")(
      "delimiter", po::value<std::string>(), "cell delimiter: ';', ',', '|' or tab (default: detected)")(
      "encoding", po::value<std::string>()->default_value("utf-8"), "utf-8 or windows-1252")(
      "force", po::bool_switch(), "replace an existing data.jsonl");
  po::positional_options_description positional;
  positional.add("format", 1).add("file", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (help_shown) {
    return kExitSuccess;
  }
  if (!values) {
    return kExitInputError;
  }
  if ((*values)["format"].as<std::string>() != "csv") {
    std::cerr << "etalon: import knows one format, csv (export your spreadsheet as CSV)\n";
    return kExitInputError;
  }

  dataset::CsvImportSettings settings;
  settings.source_name = (*values)["file"].as<std::string>();
  for (const auto& text : (*values)["map"].as<std::vector<std::string>>()) {
    std::string problem;
    auto pairs = dataset::ParseColumnMap(text, problem);
    if (!pairs) {
      std::cerr << "etalon: --map: " << problem << "\n";
      return kExitInputError;
    }
    settings.field_columns.insert(settings.field_columns.end(), pairs->begin(), pairs->end());
  }
  if (values->count("id") > 0) {
    settings.id_column = (*values)["id"].as<std::string>();
  }
  if (values->count("delimiter") > 0) {
    settings.delimiter = ReadDelimiter((*values)["delimiter"].as<std::string>());
    if (!settings.delimiter) {
      std::cerr << "etalon: --delimiter must be ';', ',', '|' or tab\n";
      return kExitInputError;
    }
  }
  const std::string encoding = (*values)["encoding"].as<std::string>();
  if (encoding == "windows-1252" || encoding == "cp1252") {
    settings.encoding = dataset::CsvEncoding::kWindows1252;
  } else if (encoding != "utf-8" && encoding != "utf8") {
    std::cerr << "etalon: --encoding must be utf-8 or windows-1252\n";
    return kExitInputError;
  }

  std::ifstream in(settings.source_name, std::ios::binary);
  if (!in) {
    std::cerr << "etalon: cannot read '" << settings.source_name << "'\n";
    return kExitInputError;
  }
  const fs::path folder = (*values)["out"].as<std::string>();
  const fs::path data_path = folder / "data.jsonl";
  std::error_code error;
  if (fs::exists(data_path, error) && !(*values)["force"].as<bool>()) {
    std::cerr << "etalon: " << data_path.string() << " exists; pass --force to replace it\n";
    return kExitInputError;
  }
  fs::create_directories(folder, error);
  if (error) {
    std::cerr << "etalon: cannot create '" << folder.string() << "': " << error.message() << "\n";
    return kExitInputError;
  }

  // Written beside the target and renamed at the end, so a failed import
  // leaves an earlier data.jsonl untouched and never a partial one.
  const fs::path partial_path = folder / ".data.jsonl.partial";
  dataset::CsvImportOutcome outcome;
  {
    std::ofstream out(partial_path, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "etalon: cannot write '" << partial_path.string() << "'\n";
      return kExitInputError;
    }
    outcome = dataset::ImportCsv(in, out, settings);
    out.flush();
    if (!out) {
      fs::remove(partial_path, error);
      std::cerr << "etalon: writing '" << partial_path.string() << "' failed (disk full?)\n";
      return kExitInternalError;
    }
  }
  if (outcome.problem_count > 0) {
    fs::remove(partial_path, error);
    for (const auto& problem : outcome.problems) {
      std::cerr << "etalon: " << problem.ToString() << "\n";
    }
    if (outcome.problem_count > outcome.problems.size()) {
      std::cerr << "etalon: ... and " << outcome.problem_count - outcome.problems.size() << " more problems\n";
    }
    std::cerr << "etalon: nothing written: " << outcome.problem_count << " problem(s) in '" << settings.source_name
              << "'\n";
    return kExitInputError;
  }
  fs::rename(partial_path, data_path, error);
  if (error) {
    std::cerr << "etalon: cannot rename to '" << data_path.string() << "': " << error.message() << "\n";
    return kExitInternalError;
  }

  const std::string data_sha256 = core::Sha256HexOfFile(data_path).value_or("");
  const fs::path datasheet_path = folder / "DATASHEET.md";
  const bool wrote_datasheet = !fs::exists(datasheet_path, error);
  if (wrote_datasheet) {
    std::ofstream(datasheet_path, std::ios::binary)
        << DatasheetStub(folder.filename().string(), fs::path(settings.source_name).filename().string(),
                         core::Sha256HexOfFile(settings.source_name).value_or(""), outcome, settings);
  }
  std::cout << "etalon: " << outcome.samples << " samples written to " << data_path.string() << "\n"
            << "dataset_sha256: " << data_sha256 << "\n";
  for (const auto row : outcome.empty_rows_skipped) {
    std::cout << "etalon: row " << row << " has no text and was skipped\n";
  }
  if (wrote_datasheet) {
    std::cout << "etalon: fill in " << datasheet_path.string() << " (provenance, licence, personal data)\n";
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
