// The "judged by a model" part of a report, read from the run folder's
// judgments.json (written by `etalon judge`) and put into words and table
// cells once, so report.md and report.html show the same figures.
// Cells are plain text: each format escapes them as it writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

struct JudgmentBlock {
  std::string heading;  // a suite for pairwise judgments; empty otherwise
  std::vector<std::string> notes;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct JudgmentView {
  std::string title;
  std::string judge_line;  // judge, model, rubric id, version and sha256
  std::vector<JudgmentBlock> blocks;
  std::string spend_line;  // the judge's own cost and energy, apart from the offers'
};

// std::nullopt when the folder has no judgments.json. Throws
// std::runtime_error naming the file when it is malformed.
std::optional<JudgmentView> LoadJudgmentView(const std::string& run_folder, Language language);

}  // namespace etalon::reports
