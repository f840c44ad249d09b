#include "builtin/french_sentence_splitter.hpp"

#include <algorithm>
#include <array>

#include <utf8proc.h>

#include "etalon/text/utf8.hpp"

namespace etalon::adapters {

namespace {

// Lower-case forms of abbreviations that take a final '.' inside a sentence.
// "etc." is deliberately absent: it ends sentences as often as not, and an
// upper-case word after it is the better signal.
constexpr std::array<std::u32string_view, 42> kAbbreviations = {
    U"m",    U"mm",   U"mme",  U"mmes", U"mlle", U"mlles", U"dr",   U"pr",    U"me",   U"mgr",  U"st",
    U"ste",  U"art",  U"al",   U"cf",   U"ex",   U"p",     U"pp",   U"n",     U"no",   U"vol",  U"chap",
    U"av",   U"bd",   U"fg",   U"réf",  U"tél",  U"env",   U"hab",  U"dép",   U"arr",  U"coll", U"éd",
    U"janv", U"févr", U"avr",  U"juill", U"sept", U"oct",  U"nov",  U"déc",   U"cne",
};

bool IsSpace(char32_t c) { return etalon::text::IsPythonWhitespace(c); }

bool IsTerminator(char32_t c) { return c == U'.' || c == U'!' || c == U'?' || c == U'…'; }

bool IsClosing(char32_t c) {
  return c == U'»' || c == U'"' || c == U'”' || c == U'’' || c == U')' || c == U']' || c == U'\'';
}

bool StartsSentence(char32_t c) {
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT || category == UTF8PROC_CATEGORY_ND ||
         c == U'«' || c == U'"' || c == U'“' || c == U'(' || c == U'-' || c == U'–' || c == U'—';
}

bool IsLetter(char32_t c) {
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

// The word just before position `dot` (letters only), lower-cased.
std::u32string WordBefore(const std::u32string& text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && IsLetter(text[start - 1])) {
    --start;
  }
  std::u32string word;
  for (std::size_t i = start; i < dot; ++i) {
    word.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(text[i]))));
  }
  return word;
}

bool DotIsAbbreviation(const std::u32string& text, std::size_t dot) {
  const auto word = WordBefore(text, dot);
  if (word.size() == 1) {
    return true;  // an initial
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

void PushTrimmed(std::vector<std::string>& sentences, const std::u32string& text, std::size_t begin, std::size_t end) {
  while (begin < end && IsSpace(text[begin])) {
    ++begin;
  }
  while (end > begin && IsSpace(text[end - 1])) {
    --end;
  }
  if (begin < end) {
    sentences.push_back(etalon::text::EncodeUtf8(std::u32string_view(text).substr(begin, end - begin)));
  }
}

}  // namespace

std::vector<std::string> SplitFrenchSentences(std::string_view utf8) {
  std::vector<std::string> sentences;
  const auto decoded = etalon::text::DecodeUtf8(utf8);
  if (!decoded) {
    return sentences;
  }
  const std::u32string& text = *decoded;
  std::size_t begin = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // A blank line always ends a sentence.
    if (text[i] == U'\n') {
      std::size_t j = i + 1;
      while (j < text.size() && IsSpace(text[j]) && text[j] != U'\n') {
        ++j;
      }
      if (j < text.size() && text[j] == U'\n') {
        PushTrimmed(sentences, text, begin, i);
        begin = j + 1;
        i = j + 1;
        continue;
      }
    }
    if (!IsTerminator(text[i])) {
      ++i;
      continue;
    }
    const std::size_t terminator = i;
    std::size_t end = i + 1;
    while (end < text.size() && (IsTerminator(text[end]) || IsClosing(text[end]))) {
      ++end;
    }
    // French typography spaces a closing guillemet: « Nous validons. » belongs to its sentence.
    std::size_t after_space = end;
    while (after_space < text.size() && IsSpace(text[after_space]) && text[after_space] != U'\n') {
      ++after_space;
    }
    if (after_space > end && after_space < text.size() && (text[after_space] == U'»' || text[after_space] == U'”')) {
      end = after_space + 1;
    }
    std::size_t next = end;
    while (next < text.size() && IsSpace(text[next])) {
      ++next;
    }
    const bool spaced = next > end;
    const bool ends = next >= text.size() || (spaced && StartsSentence(text[next]));
    const bool abbreviation = text[terminator] == U'.' && end == terminator + 1 && DotIsAbbreviation(text, terminator);
    if (ends && !abbreviation) {
      PushTrimmed(sentences, text, begin, end);
      begin = end;
    }
    i = end;
  }
  PushTrimmed(sentences, text, begin, text.size());
  return sentences;
}

}  // namespace etalon::adapters
