// The "judged by a model" section of report.md, from the run folder's
// judgments.json (written by `etalon judge`); nothing when there is none.
#pragma once

#include <ostream>
#include <string>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// Throws std::runtime_error naming the file when judgments.json is malformed.
void WriteJudgmentMarkdown(const std::string& run_folder, Language language, std::ostream& out);

}  // namespace etalon::reports
