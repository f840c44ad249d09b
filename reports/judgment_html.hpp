// The judged-by-a-model section of report.html, when the run folder has a
// judgments.json; nothing otherwise. Every value goes through MarkupWriter.
#pragma once

#include <string>

#include "etalon/reports/reporter.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

void WriteJudgmentSection(MarkupWriter& out, const std::string& run_folder, Language language);

}  // namespace etalon::reports
