#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon compare RUN_DIR [RUN_DIR...]: offers compared pairwise with
// confidence intervals and p-values, and Pareto fronts (docs/statistics.md).
// Exit code 0, or 2 for usage or input errors.
int RunCompareCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
