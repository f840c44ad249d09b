// The Porter stemmer as NLTK 3.8 runs it by default (mode NLTK_EXTENSIONS),
// which is what rouge_score uses with use_stemmer=True. It is an English
// stemmer: etalon offers it only for compatibility with rouge_score.
//
// Written from the published algorithm (Porter 1980) and the departures that
// NLTK documents: the irregular-forms table, "ies"/"ied" on four-letter
// words, y -> i only after a consonant, "alli" handled first in step 2,
// "fulli" and "logi" rules, and words of one or two letters left alone.
#pragma once

#include <string>
#include <string_view>

namespace etalon::text {

class PorterStemmer {
 public:
  // `word` is lowercase ASCII (rouge_score stems only [a-z0-9]+ tokens).
  std::string Stem(std::string_view word) const;
};

}  // namespace etalon::text
