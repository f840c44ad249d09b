#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon merge SHARD_DIR... --out DIR [--plan PLAN]: joins the shards of a
// plan into one run folder with the summary an unsharded run would have.
int RunMergeCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
