// Unicode character properties and normalisation forms, from utf8proc's
// tables (Unicode 15 with Debian 12's utf8proc 2.8).
#pragma once

#include <string>
#include <string_view>

namespace etalon::text {

bool IsLetter(char32_t code_point);       // L*
bool IsMark(char32_t code_point);         // M*
bool IsNumber(char32_t code_point);       // N*
bool IsPunctuation(char32_t code_point);  // P*
bool IsSymbol(char32_t code_point);       // S*
bool IsFormat(char32_t code_point);       // Cf: zero-width space, soft hyphen, BOM...

// Canonical composition (NFC) of valid UTF-8; invalid input comes back unchanged.
std::string NormalizeNfc(std::string_view utf8);

// NFC plus full Unicode case folding ("Straße" and "STRASSE" fold alike).
std::string FoldCaseNfc(std::string_view utf8);

}  // namespace etalon::text
