// `etalon simulate`: runs the loopback vendor simulator until SIGINT or SIGTERM.
#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

int RunSimulateCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
