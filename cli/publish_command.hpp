#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon publish RUN_DIR... --site DIR [--lang fr|en]
// Builds a static site over finished runs (reports/site_publisher.hpp):
// a leaderboard, one page per run with its evidence files, manifest.json.
// Returns 0, 2 on a usage or input error (a run folder missing, unfinished
// or unreadable, named), 4 when a file cannot be written.
int RunPublishCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
