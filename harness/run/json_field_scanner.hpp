// Finds where each top-level field's value of a one-line JSON object lies,
// validating what it skips as nlohmann::json::parse would, without building
// anything: the fast path of the journal reader. Result lines are about a
// kilobyte, most of it text, hashes and time stamps that the passes after a
// run never read; lexing them with nlohmann (a string built one character at
// a time) was most of the cost of a summary.
//
// The scanner only ever answers "this line is a valid object and here are its
// fields" or "not sure": for anything it does not vouch for (an escaped key, a
// \u escape of a surrogate, an exponent of three digits or more, nesting
// deeper than kMaxDepth, any error), the caller parses the line with nlohmann,
// which gives the answer and, for a bad line, its own error message.
#pragma once

#include <functional>
#include <string_view>

namespace etalon::run {

// Calls `field` with each top-level key (its raw bytes: keys with escapes are
// not vouched for) and the exact text of its value, in line order. Returns
// false, having possibly called `field` for earlier keys, when the line is
// not a JSON object it can vouch for.
bool ScanObjectFields(std::string_view line, const std::function<void(std::string_view key, std::string_view value)>& field);

}  // namespace etalon::run
