// The text the language identifier learns from, compiled in from
// harness/audit/language_corpus/<code>.txt (one sentence a line, written for
// etalon) by cmake/LanguageCorpus.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace etalon::audit {

struct LanguageCorpus {
  std::string_view code;  // ISO 639-1: "fr", "en"...
  std::string_view text;  // UTF-8, one sentence a line
};

const std::vector<LanguageCorpus>& ShippedLanguageCorpora();

}  // namespace etalon::audit
