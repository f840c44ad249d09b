// UTF-8 helpers on top of utf8proc. Text from models is untrusted: every
// function here accepts any byte string; invalid UTF-8 is reported, never UB.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::text {

bool IsValidUtf8(std::string_view bytes);

// Code points of valid UTF-8; std::nullopt when `bytes` is not valid UTF-8.
std::optional<std::u32string> DecodeUtf8(std::string_view bytes);
std::string EncodeUtf8(std::u32string_view code_points);

// Full Unicode lowercase (as Python's str.lower(), code point by code point).
std::string ToLower(std::string_view utf8);

// Python's str.isspace(): Unicode whitespace, NBSP and narrow NBSP included.
bool IsPythonWhitespace(char32_t code_point);

// Python's str.split() with no argument: splits on runs of Unicode whitespace.
std::vector<std::string> SplitWhitespace(std::string_view utf8);

// Lowercased runs of letters and digits (Unicode categories L* and N*);
// apostrophes and hyphens split words. A simple, language-neutral tokenizer
// for baselines; metrics with a reference implementation use their own.
std::vector<std::string> WordTokens(std::string_view utf8);

}  // namespace etalon::text
