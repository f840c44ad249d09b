// Python `str` semantics on code points. The reference implementations that
// etalon's metrics must match (sacrebleu, jiwer, rouge_score, the SQuAD script)
// are Python programs: where they call str.lower(), str.split() or a regular
// expression with \w, the C++ side calls the function here of the same name,
// so a difference from CPython is a bug in this file only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace etalon::text {

// str.lower(): full Unicode lowercase (U+0130 becomes "i" + U+0307) and the
// final-sigma rule (a capital sigma at the end of a word becomes U+03C2).
std::u32string PythonLower(std::u32string_view text);

// str.split() with no argument: runs of Python whitespace separate words;
// the views point into `text`.
std::vector<std::u32string_view> PythonSplit(std::u32string_view text);

// str.strip() and str.rstrip() with no argument.
std::u32string_view PythonStrip(std::u32string_view text);
std::u32string_view PythonRstrip(std::u32string_view text);

// What Python's `re` module matches with \w in a str pattern: letters,
// numbers (categories L* and N*) and the underscore. Combining marks are
// not \w, so "e" + U+0301 has a word boundary inside it, as in Python.
bool IsPythonWordChar(char32_t code_point);

}  // namespace etalon::text
