// summary.json: the run's summary as etalon wrote it (field order kept,
// numbers round-trip), for tools; `etalon report --format json --out DIR`
// copies it beside the other formats.
#pragma once

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

class JsonReporter final : public Reporter {
 public:
  std::string Format() const override { return "json"; }
  std::string FileName() const override { return "summary.json"; }
  std::string Description() const override { return "the run's summary as JSON (summary.json)"; }
  void Write(const RunDocuments& run, Language language, std::ostream& out) const override;
};

}  // namespace etalon::reports
