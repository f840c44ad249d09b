// Reading a run's JSONL files back in tests: every line parsed, and a
// journal as its key -> output map, to compare two runs.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::testing {

// Every non-empty line of `path`, parsed (throws on a line that is not JSON).
std::vector<nlohmann::json> JsonLines(const std::string& path);

// "adapter/suite/sample#repeat" -> output ("" for a failed request) of every
// line of a results.jsonl; `lines` counts the lines, so a doubled key shows.
std::map<std::string, std::string> ResultOutputs(const std::string& results_path, std::size_t& lines);

}  // namespace etalon::testing
