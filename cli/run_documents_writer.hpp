// Writes a finished run's summary.json and its HTML and Markdown reports into
// its folder, atomically: what `etalon run` and `etalon merge` both end with
// (`etalon report` renders the other formats on demand).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "etalon/reports/reporter.hpp"

namespace etalon::cli {

// Throws std::runtime_error (a write failed, or a reporter refused the summary).
void WriteRunDocuments(const std::string& folder, const nlohmann::ordered_json& summary, reports::Language language);

}  // namespace etalon::cli
