#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon validate PATH... : plans, suites, datasets (.jsonl) or folders of them.
int RunValidateCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
