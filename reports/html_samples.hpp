// The per-sample section of the HTML scorecard: a filterable table of the
// selected samples (prompt input, output, reference, scores, error).
#pragma once

#include "etalon/reports/reporter.hpp"
#include "markup_writer.hpp"
#include "etalon/reports/sample_selection.hpp"

namespace etalon::reports {

void WriteSamplesSection(MarkupWriter& out, const SampleSelection& selection, const SampleLimits& limits,
                         Language language);

}  // namespace etalon::reports
