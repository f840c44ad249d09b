#include "support/result_lines.hpp"

#include <sstream>

#include "support/temp_dir.hpp"

namespace etalon::testing {

std::vector<nlohmann::json> JsonLines(const std::string& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream text(ReadFile(path));
  for (std::string line; std::getline(text, line);) {
    if (!line.empty()) {
      lines.push_back(nlohmann::json::parse(line));
    }
  }
  return lines;
}

std::map<std::string, std::string> ResultOutputs(const std::string& results_path, std::size_t& lines) {
  std::map<std::string, std::string> outputs;
  const auto records = JsonLines(results_path);
  lines = records.size();
  for (const auto& record : records) {
    const auto key = record["adapter"].get<std::string>() + "/" + record["suite"].get<std::string>() + "/" +
                     record["sample"].get<std::string>() + "#" + std::to_string(record["repeat"].get<int>());
    outputs[key] = record["output"].is_string() ? record["output"].get<std::string>() : "";
  }
  return outputs;
}

}  // namespace etalon::testing
