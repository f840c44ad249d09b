#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon verify-model RUN_DIR --adapter ID [--plan PLAN] [--out FILE] [--lang fr|en]
// Exit codes: 0 same model, 1 drifted or different, 2 bad input, 3 the probes failed now.
int RunVerifyModelCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
