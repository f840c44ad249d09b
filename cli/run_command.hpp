#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon run [PLAN] [--out DIR] [--resume] [--limit N] [--concurrency N]
//            [--adapters a,b] [--suites x,y] [--quiet] [--lang fr|en]
int RunRunCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
