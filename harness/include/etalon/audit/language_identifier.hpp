// A character n-gram naive Bayes language identifier (n = 1 to 3 over
// lower-cased code points, words padded with a space, add-one smoothing),
// in the manner of Cavnar and Trenkle's n-gram profiles but scored by
// log-likelihood. It learns from the sentences shipped in
// harness/audit/language_corpus/; every fifth sentence of each language is
// held out of training, so its own accuracy can be measured on text it never
// saw (HeldOutAccuracy, printed by `etalon list languages`).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "etalon/audit/language_corpus.hpp"

namespace etalon::audit {

struct LabelledSentence {
  std::string language;
  std::string text;
};

class LanguageIdentifier {
 public:
  // Learns from every sentence of `corpora` but the held-out ones (every
  // fifth line of each language, counting from the fifth).
  explicit LanguageIdentifier(const std::vector<LanguageCorpus>& corpora);

  // Trained on the shipped corpora; built once, then shared (thread-safe).
  static const LanguageIdentifier& Shipped();

  // The most likely language code; "" for text with no letter or invalid UTF-8.
  std::string Identify(std::string_view text) const;

  const std::vector<std::string>& languages() const { return languages_; }
  const std::vector<LabelledSentence>& held_out() const { return held_out_; }
  // Share of held-out sentences identified as their own language.
  double HeldOutAccuracy() const;

  static constexpr std::size_t kHeldOutEvery = 5;
  static constexpr std::size_t kMaxOrder = 3;

 private:
  struct Profile {
    std::unordered_map<std::u32string, double> counts;  // n-gram -> occurrences
    std::vector<double> totals = std::vector<double>(kMaxOrder + 1, 0.0);  // by n
  };

  std::vector<std::string> languages_;
  std::vector<Profile> profiles_;
  std::vector<LabelledSentence> held_out_;
  std::vector<double> vocabulary_ = std::vector<double>(kMaxOrder + 1, 0.0);  // distinct n-grams by n, all languages
};

}  // namespace etalon::audit
