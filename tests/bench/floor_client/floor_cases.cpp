#include "floor_cases.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace etalon::bench {

std::optional<FloorOptions> ReadFloorOptions(int argc, char** argv) {
  FloorOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--port") options.port = std::stoi(value);
    else if (name == "--dataset") options.dataset = value;
    else if (name == "--concurrency") options.concurrency = std::stoi(value);
    else if (name == "--field") options.field = value;
    else if (name == "--model") options.model = value;
    else return std::nullopt;
  }
  if (argc % 2 == 0 || options.port <= 0 || options.dataset.empty() || options.concurrency <= 0) return std::nullopt;
  return options;
}

std::vector<FloorCase> ReadFloorCases(const FloorOptions& options) {
  std::vector<FloorCase> cases;
  std::ifstream in(options.dataset);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto sample = nlohmann::json::parse(line);
    const nlohmann::json body = {
        {"model", options.model},
        {"messages", {{{"role", "user"}, {"content", sample.at(options.field)}}}},
        {"temperature", 0},
        {"max_tokens", 8},
        {"stream", false}};
    cases.push_back({body.dump(), sample.at("reference").get<std::string>()});
  }
  return cases;
}

bool AnswerIsRight(long status, std::string_view body, const std::string& reference) {
  const auto answer = nlohmann::json::parse(body, nullptr, false);
  return status == 200 && answer.is_object() &&
         answer.value(nlohmann::json::json_pointer("/choices/0/message/content"), std::string()) == reference;
}

std::string FloorResultLine(std::size_t requests, std::size_t passed, std::size_t failed) {
  return "FLOOR " + nlohmann::json{{"requests", requests}, {"passed", passed}, {"failed", failed}}.dump();
}

}  // namespace etalon::bench
