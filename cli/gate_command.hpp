#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon gate --baseline RUN --current RUN --policy FILE.yaml: exit code 0
// pass, 1 regression, 2 usage or input error, 3 current run incomplete.
int RunGateCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
