#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon award RUN [RUN...] --criteria FILE.yaml: the award table and its
// sensitivity to the weights. Exit code 0, or 2 for usage or input errors.
int RunAwardCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
