// Streams a run's results.jsonl one record at a time, so reports over
// 100,000 results hold one line in memory, not the journal.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace etalon::reports {

// Calls `visit` with each record of `run_folder`/results.jsonl, in file
// order, and its 1-based line. Bytes that are not valid UTF-8 (a journal
// written by another tool) are read as U+FFFD. Throws std::runtime_error
// naming file and line for a line that is not a JSON object, or when the
// file cannot be read.
void ForEachResult(const std::string& run_folder,
                   const std::function<void(const nlohmann::json& record, std::size_t line)>& visit);

}  // namespace etalon::reports
