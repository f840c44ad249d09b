// Streams a run's results.jsonl one record at a time, so reports over
// 100,000 results hold one line in memory, not the journal.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "etalon/run/journal_reader.hpp"

namespace etalon::reports {

// Calls `visit` with each record of `run_folder`/results.jsonl, in file
// order, holding only `fields` (run::ParseJournalLine), with the line's text
// and 1-based number. Bytes that are not valid UTF-8 (a journal written by
// another tool) are read as U+FFFD, in the record and the text. Throws
// std::runtime_error naming file and line for a line that is not a JSON
// object, or when the file cannot be read.
void ForEachResult(
    const std::string& run_folder, const run::JournalFields& fields,
    const std::function<void(const nlohmann::json& record, std::string_view text, std::size_t line)>& visit);

}  // namespace etalon::reports
