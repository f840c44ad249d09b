// Reads result lines of results.jsonl for the passes after a run (summary,
// reports) without building what they do not read: only the top-level fields
// a consumer names become JSON values. A line is first scanned without being
// built (core/json_text.hpp), the wanted values built from their validated
// text; a line the scanner does not vouch for goes through nlohmann's SAX
// interface, with the same result. Errors are nlohmann's own, as from
// nlohmann::json::parse, so every consumer reports a bad line as before.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::run {

// Top-level fields of a result line to build; empty: every field.
using JournalFields = std::vector<std::string_view>;

// Parses one line: an object gets only `fields` (those present), anything
// else is built whole, as nlohmann::json::parse would. Throws
// nlohmann::json::exception (parse_error, out_of_range for a number no
// double holds) with nlohmann::json::parse's message.
nlohmann::json ParseJournalLine(std::string_view line, const JournalFields& fields);

// Calls `visit` with each non-empty line of the journal at `path` and its
// 1-based number, one line in memory at a time. Throws std::runtime_error
// naming the file when it cannot be opened or read.
void ForEachJournalLine(const std::string& path,
                        const std::function<void(const std::string& line, std::size_t number)>& visit);

}  // namespace etalon::run
