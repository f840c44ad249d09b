#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon list suites|adapters|metrics|reporters [--suites-dir DIR]
int RunListCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
