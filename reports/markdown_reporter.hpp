// report.md: the run's scorecard as Markdown, for merge requests and wikis.
#pragma once

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

class MarkdownReporter final : public Reporter {
 public:
  std::string Format() const override { return "md"; }
  std::string FileName() const override { return "report.md"; }
  std::string Description() const override { return "Markdown scorecard (report.md)"; }
  void Write(const RunDocuments& run, Language language, std::ostream& out) const override;
};

// Text safe inside a Markdown table cell: pipes and backslashes escaped,
// newlines turned to spaces, HTML-significant characters as entities.
std::string EscapeMarkdownCell(const std::string& text);

// Numbers for people: French uses a decimal comma. (JSON and CSV never do.)
std::string Number(double value, int decimals, Language language);

}  // namespace etalon::reports
