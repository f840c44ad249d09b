// Writes a finished run's summary.json and its HTML and Markdown reports into
// its folder, atomically: what `etalon run` and `etalon merge` both end with
// (`etalon report` renders the other formats on demand).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "etalon/reports/reporter.hpp"
#include "etalon/reports/sample_selection.hpp"

namespace etalon::cli {

// A collector of the samples the reports show, fed by the summary's pass
// over `journal_path` (SummaryInput::on_record).
reports::SampleCollector ReportSamples(const std::string& journal_path);

// Throws std::runtime_error (a write failed, or a reporter refused the summary).
void WriteRunDocuments(const std::string& folder, const nlohmann::ordered_json& summary, reports::Language language,
                       reports::SampleCollector samples);

}  // namespace etalon::cli
