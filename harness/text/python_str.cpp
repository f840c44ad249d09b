#include "etalon/text/python_str.hpp"

#include <utf8proc.h>

#include "etalon/text/utf8.hpp"

namespace etalon::text {

namespace {

constexpr char32_t kCapitalSigma = 0x03A3;
constexpr char32_t kSmallSigma = 0x03C3;
constexpr char32_t kFinalSigma = 0x03C2;
constexpr char32_t kCapitalIWithDot = 0x0130;
constexpr char32_t kCombiningDotAbove = 0x0307;

utf8proc_category_t Category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

// Unicode's "Cased" property (Lu, Ll, Lt and the few Other_Lowercase /
// Other_Uppercase letters, which all have a case mapping).
bool IsCased(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
      return true;
    default: {
      const auto code = static_cast<utf8proc_int32_t>(c);
      return utf8proc_tolower(code) != code || utf8proc_toupper(code) != code;
    }
  }
}

// Unicode's "Case_Ignorable": marks, format characters, modifiers, and the
// Word_Break MidLetter / MidNumLet / Single_Quote characters.
bool IsCaseIgnorable(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_SK:
      return true;
    default:
      break;
  }
  switch (c) {
    case U'\'': case U'.': case U':': case 0x00B7: case 0x0387: case 0x05F4: case 0x2018:
    case 0x2019: case 0x2024: case 0x2027: case 0xFE13: case 0xFE52: case 0xFE55:
    case 0xFF07: case 0xFF0E: case 0xFF1A:
      return true;
    default:
      return false;
  }
}

// CPython's handle_capital_sigma: \p{cased}\p{case-ignorable}* before the
// sigma, and no \p{case-ignorable}*\p{cased} after it.
bool IsFinalSigma(std::u32string_view text, std::size_t at) {
  std::size_t j = at;
  bool cased_before = false;
  while (j > 0) {
    --j;
    if (!IsCaseIgnorable(text[j])) {
      cased_before = IsCased(text[j]);
      break;
    }
  }
  if (!cased_before) {
    return false;
  }
  for (std::size_t k = at + 1; k < text.size(); ++k) {
    if (!IsCaseIgnorable(text[k])) {
      return !IsCased(text[k]);
    }
  }
  return true;
}

}  // namespace

std::u32string PythonLower(std::u32string_view text) {
  std::u32string lowered;
  lowered.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c < 0x80) {
      lowered.push_back(c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c);
    } else if (c == kCapitalIWithDot) {
      // The one unconditional multi-character lowercase in SpecialCasing.txt.
      lowered.push_back(U'i');
      lowered.push_back(kCombiningDotAbove);
    } else if (c == kCapitalSigma) {
      lowered.push_back(IsFinalSigma(text, i) ? kFinalSigma : kSmallSigma);
    } else {
      lowered.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
  }
  return lowered;
}

std::vector<std::u32string_view> PythonSplit(std::u32string_view text) {
  std::vector<std::u32string_view> words;
  std::size_t start = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsPythonWhitespace(text[i])) {
      if (in_word) {
        words.push_back(text.substr(start, i - start));
        in_word = false;
      }
    } else if (!in_word) {
      start = i;
      in_word = true;
    }
  }
  if (in_word) {
    words.push_back(text.substr(start));
  }
  return words;
}

std::u32string_view PythonRstrip(std::u32string_view text) {
  std::size_t end = text.size();
  while (end > 0 && IsPythonWhitespace(text[end - 1])) {
    --end;
  }
  return text.substr(0, end);
}

std::u32string_view PythonStrip(std::u32string_view text) {
  const auto right = PythonRstrip(text);
  std::size_t begin = 0;
  while (begin < right.size() && IsPythonWhitespace(right[begin])) {
    ++begin;
  }
  return right.substr(begin);
}

bool IsPythonWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'_';
  }
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

}  // namespace etalon::text
