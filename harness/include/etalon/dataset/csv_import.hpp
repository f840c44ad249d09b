// Turns a spreadsheet export (CSV) into an etalon dataset (JSONL): chosen
// columns become sample fields, each row a sample. Rows are streamed, so the
// memory used does not grow with the file. Every bad row is reported with
// its line and column; the caller writes nothing when any row is bad.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "etalon/core/diagnostic.hpp"

namespace etalon::dataset {

enum class CsvEncoding { kUtf8, kWindows1252 };

struct CsvImportSettings {
  std::string source_name;  // the file as the user named it, for messages
  // Sample field <- column header, in the order the fields are written.
  std::vector<std::pair<std::string, std::string>> field_columns;
  std::optional<std::string> id_column;  // else ids are "ligne-N", N the spreadsheet row
  std::optional<char> delimiter;         // else detected from the header line
  CsvEncoding encoding = CsvEncoding::kUtf8;
};

struct CsvImportOutcome {
  std::size_t samples = 0;
  std::vector<std::size_t> empty_rows_skipped;  // spreadsheet rows with no text at all
  core::Diagnostics problems;                   // the first kListedProblems
  std::size_t problem_count = 0;                // all of them
  char delimiter = ',';
  std::vector<std::string> header;
};

inline constexpr std::size_t kListedProblems = 50;

// Reads CSV from `in` (which must allow seeking back to its start, as a
// file does) and writes one JSON object a line to `jsonl_out`.
CsvImportOutcome ImportCsv(std::istream& in, std::ostream& jsonl_out, const CsvImportSettings& settings);

// "question=Question,reference=Réponse" -> pairs; std::nullopt with a
// message when a part is not FIELD=COLUMN or FIELD is not a template name.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(const std::string& text,
                                                                               std::string& problem);

}  // namespace etalon::dataset
