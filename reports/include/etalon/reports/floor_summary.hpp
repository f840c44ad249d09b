// Each suite's classical floor, as data: `etalon run` and `etalon merge` add
// it to summary.json once the journal is final (docs/frugality.md). Reports
// never add it afterwards: summary.json is the evidence they copy.
#pragma once

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// Sets `floor` on every entry of run.summary's `suites` (docs/results-schema.md).
void AddFloorsToSummary(RunDocuments& run);

}  // namespace etalon::reports
