#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon report RUN_DIR [--format html,md,csv,json,junit] [--lang fr|en]
//               [--out DIR] [--csv-bom]
// Renders a finished run folder's reports again, from its files alone
// (summary.json, results.jsonl, the datasets for references). Writes each
// file atomically into --out (default: RUN_DIR) and prints its path.
// Returns 0, 2 on a usage or input error (unknown format, missing or
// malformed run files), 4 when a file cannot be written.
int RunReportCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
