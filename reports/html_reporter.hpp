// report.html: the scorecard as one self-contained page (inline CSS, inline
// SVG, one small hashed script, no request): summary with intervals,
// quality against latency, energy and cost with the Pareto front, latency
// percentiles, energy with measured/estimated labels, award table, samples,
// provenance and method notes. See docs/reports.md.
#pragma once

#include "etalon/reports/reporter.hpp"
#include "etalon/reports/sample_selection.hpp"

namespace etalon::reports {

class HtmlReporter final : public Reporter {
 public:
  explicit HtmlReporter(SampleLimits limits = {}) : limits_(limits) {}
  std::string Format() const override { return "html"; }
  std::string FileName() const override { return "report.html"; }
  std::string Description() const override { return "self-contained HTML scorecard (report.html)"; }
  void Write(const RunDocuments& run, Language language, std::ostream& out) const override;

 private:
  SampleLimits limits_;
};

}  // namespace etalon::reports
