// The words and numbers people read in reports, in French (the default) or
// English: one place for both languages, so no reporter hard-codes a string.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// `french` or `english` by `language`.
const char* Say(Language language, const char* french, const char* english);

// fmt::format with the `french` or `english` pattern: the patterns are
// chosen at run time, so they are checked by the tests, not the compiler.
template <typename... Args>
std::string SayFormat(Language language, const char* french, const char* english, Args&&... args) {
  return fmt::format(fmt::runtime(Say(language, french, english)), std::forward<Args>(args)...);
}

// A number for people: fixed decimals, and a decimal comma in French.
// Independent of the process locale. Non-finite values read "—".
std::string FormatNumber(double value, int decimals, Language language);

// A number for people with `digits` significant digits (0,0000123 J), for
// figures whose magnitude varies widely; same conventions as FormatNumber.
std::string FormatSignificant(double value, int digits, Language language);

// A run status (complete, incomplete, cancelled) in words.
std::string StatusText(const std::string& status, Language language);

// What a metric measures, in the report's language. Known metric names have
// a written French and English text; another name gets `fallback` (the
// summary's English description) as written.
std::string MetricDescription(const std::string& name, const std::string& fallback, Language language);

}  // namespace etalon::reports
