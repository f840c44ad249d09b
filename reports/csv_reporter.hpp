// results.csv: for spreadsheets and data tools. RFC 4180 (CRLF, fields
// quoted when they hold a comma, quote or line break, quotes doubled); one
// row per summary cell (record=summary) then one per result (record=result);
// numbers with a decimal point whatever the locale. Text from models that
// starts like a formula (= + - @) gets a leading apostrophe, so a spreadsheet
// shows it instead of evaluating it. See docs/reports.md for the columns.
#pragma once

#include <string>
#include <string_view>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

class CsvReporter final : public Reporter {
 public:
  // `byte_order_mark`: start with U+FEFF, so spreadsheet programs read UTF-8.
  explicit CsvReporter(bool byte_order_mark = false) : byte_order_mark_(byte_order_mark) {}
  std::string Format() const override { return "csv"; }
  std::string FileName() const override { return "results.csv"; }
  std::string Description() const override { return "RFC 4180 CSV, one row per summary cell and per result (results.csv)"; }
  void Write(const RunDocuments& run, Language language, std::ostream& out) const override;

 private:
  bool byte_order_mark_;
};

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF.
std::string CsvField(std::string_view text);

}  // namespace etalon::reports
