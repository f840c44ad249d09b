// The samples a report shows one by one: for each (adapter, suite) cell the
// first samples and the first failures, with their prompt input and
// reference read back from the dataset. Capped, so a report on 100,000
// results stays small; the counts say what was left out.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/reports/reporter.hpp"
#include "etalon/summary/summary_record.hpp"

namespace etalon::reports {

struct SampleLimits {
  std::size_t first_per_cell = 20;     // samples shown from the start of each cell
  std::size_t failures_per_cell = 50;  // failed requests shown beyond those
  std::size_t max_text_bytes = 2000;   // longer texts are cut (at a character boundary) with "…"
  bool operator==(const SampleLimits&) const = default;
};

struct SampleRow {
  std::string adapter;
  std::string suite;
  std::string sample;
  std::int64_t repeat = 0;
  bool ok = true;
  std::string output;
  std::string error;  // "kind: message" for a failed request
  nlohmann::json scores = nlohmann::json::object();  // metric -> value (null: unscored)
  std::string input;      // the sample's input field, when the dataset was found
  std::string reference;  // the sample's reference field, likewise
};

struct CellCounts {
  std::size_t results = 0;
  std::size_t failures = 0;
  std::size_t shown = 0;
};

struct SampleSelection {
  SampleLimits limits;                                           // what it was selected under
  std::vector<SampleRow> rows;                                   // journal order
  std::map<std::pair<std::string, std::string>, CellCounts> cells;  // (adapter, suite)
  std::map<std::string, std::set<std::string>> served_models;    // adapter -> model ids the providers reported
  std::set<std::string> suites_without_dataset;  // their dataset is missing or changed: no input or reference shown
  bool TruncatedAny() const;
};

// The selection built one journal record at a time, so that the pass that
// builds the summary can build it too (`etalon run` and `etalon merge`
// read the journal once for both).
class SampleCollector {
 public:
  // `journal_path` names the journal in errors.
  SampleCollector(SampleLimits limits, std::string journal_path);

  // The fields Add reads of `record` (the others may be absent).
  static const std::vector<std::string_view>& Fields();
  // One journal line as the summary's pass reads it, and its whole text.
  // Throws std::runtime_error naming file and line for a malformed line.
  void Add(const summary::SummaryRecord& record, std::string_view text, std::size_t line);
  // The same from a record holding at least Fields() (ForEachResult).
  void Add(const nlohmann::json& record, std::string_view text, std::size_t line);
  // Rows in the summary's cell order, with inputs and references read back
  // from each needed dataset once.
  SampleSelection Finish(const RunDocuments& run) &&;

 private:
  // Counts the line in its cell (adapter, suite); keeps it when shown.
  void Count(const std::string& adapter, const std::string& suite, bool failed, const std::string* served_model,
             std::string_view text, std::size_t line);
  [[noreturn]] void Malformed(std::size_t line, const std::exception& error) const;

  SampleSelection selection_;
  std::string journal_path_;
  std::map<std::pair<std::string, std::string>, std::size_t> failures_shown_;
};

// Streams `run.run_folder`/results.jsonl once, then each needed dataset once.
// Throws std::runtime_error naming file and line for a malformed journal.
SampleSelection SelectSamples(const RunDocuments& run, const SampleLimits& limits);

// `text` cut to at most `max_bytes` bytes on a UTF-8 character boundary, with "…" when cut.
std::string CutText(const std::string& text, std::size_t max_bytes);

}  // namespace etalon::reports
