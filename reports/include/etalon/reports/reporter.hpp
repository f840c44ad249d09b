// One interface for every report format (compare Google Benchmark's
// reporters): a reporter reads a finished run's files and writes one document
// to an injected stream, so tests can render into a string.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::reports {

enum class Language { kFrench, kEnglish };

struct SampleSelection;

// What a reporter reads: the run folder's summary.json (and the folder, for
// formats that need the journal).
struct RunDocuments {
  std::string run_folder;
  nlohmann::ordered_json summary;  // field order as written
  // The samples shown one by one, when the pass that built the summary
  // collected them (sample_selection.hpp); null: a report reads the journal.
  std::shared_ptr<const SampleSelection> samples = nullptr;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual std::string Format() const = 0;       // "md"
  virtual std::string FileName() const = 0;     // "report.md"
  virtual std::string Description() const = 0;  // for `etalon list reporters`
  // Writes the whole document. Throws std::runtime_error when the summary
  // lacks a field the format needs (a file of another schema version).
  virtual void Write(const RunDocuments& run, Language language, std::ostream& out) const = 0;
};

// Settings of particular formats, with their defaults.
struct ReporterOptions {
  bool csv_byte_order_mark = false;  // results.csv starts with U+FEFF (for spreadsheet programs)
};

// The explicit list of formats: html, md, csv, json, junit.
std::vector<std::unique_ptr<Reporter>> AllReporters(const ReporterOptions& options = {});
std::unique_ptr<Reporter> MakeReporter(const std::string& format, const ReporterOptions& options = {});  // nullptr when unknown

// Reads `run_folder`/summary.json. Throws std::runtime_error naming the file.
RunDocuments LoadRunDocuments(const std::string& run_folder);

}  // namespace etalon::reports
