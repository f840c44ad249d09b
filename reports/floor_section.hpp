// The classical floor section of report.html and report.md, and the `floor`
// object of each suite in summary.json (docs/frugality.md): per
// suite, the best classical baseline and, for every other adapter, its gain
// over it with interval and Holm-adjusted p-value, per 1,000 EUR and per
// kWh. The figures come from frugality::ComputeBaselineFloors; this file
// only words and lays them out, the same cells in every format.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/frugality/baseline_floor.hpp"
#include "etalon/reports/reporter.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

struct FloorSection {
  frugality::BaselineFloors floors;
  std::string error;  // why the floors could not be computed (a run folder without run.json); else empty
};

FloorSection ComputeFloorSection(const RunDocuments& run);

// "## Plancher classique ..." and one table per suite.
void WriteFloorMarkdown(const FloorSection& section, Language language, std::ostream& out);
// A <section id="floor"> with an <h2>.
void WriteFloorHtml(const FloorSection& section, Language language, MarkupWriter& out);
// The suite's `floor` object of summary.json (docs/results-schema.md);
// null for a suite without a metric.
nlohmann::ordered_json FloorJson(const FloorSection& section, const std::string& suite);

}  // namespace etalon::reports
