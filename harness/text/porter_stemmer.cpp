#include "etalon/text/porter_stemmer.hpp"

#include <array>
#include <utility>

namespace etalon::text {

namespace {

// A consonant is a letter other than a, e, i, o, u, and other than y after a
// consonant (Porter's definition, recursive through runs of y).
bool IsConsonant(std::string_view word, std::size_t i) {
  switch (word[i]) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
      return false;
    case 'y':
      return i == 0 || !IsConsonant(word, i - 1);
    default:
      return true;
  }
}

// m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
int Measure(std::string_view stem) {
  int measure = 0;
  bool previous_is_vowel = false;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const bool consonant = IsConsonant(stem, i);
    if (consonant && previous_is_vowel) {
      ++measure;
    }
    previous_is_vowel = !consonant;
  }
  return measure;
}

bool HasPositiveMeasure(std::string_view stem) { return Measure(stem) > 0; }

bool ContainsVowel(std::string_view stem) {
  for (std::size_t i = 0; i < stem.size(); ++i) {
    if (!IsConsonant(stem, i)) {
      return true;
    }
  }
  return false;
}

// Condition *d.
bool EndsDoubleConsonant(std::string_view word) {
  return word.size() >= 2 && word[word.size() - 1] == word[word.size() - 2] && IsConsonant(word, word.size() - 1);
}

// Condition *o, with NLTK's extension to two-letter stems (vowel, consonant).
bool EndsCvc(std::string_view word) {
  const std::size_t n = word.size();
  if (n >= 3 && IsConsonant(word, n - 3) && !IsConsonant(word, n - 2) && IsConsonant(word, n - 1)) {
    const char last = word[n - 1];
    if (last != 'w' && last != 'x' && last != 'y') {
      return true;
    }
  }
  return n == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1);
}

std::string_view WithoutSuffix(std::string_view word, std::string_view suffix) {
  return word.substr(0, word.size() - suffix.size());
}

using Condition = bool (*)(std::string_view stem);

struct SuffixRule {
  std::string_view suffix;
  std::string_view replacement;
  Condition condition;  // nullptr: unconditional
};

// The first rule whose suffix matches decides: it applies when its condition
// holds and otherwise leaves the word as it is (no later rule is tried).
template <std::size_t N>
std::string ApplyFirstMatching(std::string_view word, const std::array<SuffixRule, N>& rules) {
  for (const SuffixRule& rule : rules) {
    if (word.ends_with(rule.suffix)) {
      const std::string_view stem = WithoutSuffix(word, rule.suffix);
      if (rule.condition == nullptr || rule.condition(stem)) {
        return std::string(stem) + std::string(rule.replacement);
      }
      return std::string(word);
    }
  }
  return std::string(word);
}

std::string Step1a(std::string_view word) {
  if (word.ends_with("ies") && word.size() == 4) {
    return std::string(WithoutSuffix(word, "ies")) + "ie";
  }
  static constexpr std::array<SuffixRule, 4> kRules = {{
      {"sses", "ss", nullptr},
      {"ies", "i", nullptr},
      {"ss", "ss", nullptr},
      {"s", "", nullptr},
  }};
  return ApplyFirstMatching(word, kRules);
}

std::string Step1b(std::string_view word) {
  if (word.ends_with("ied")) {
    return std::string(WithoutSuffix(word, "ied")) + (word.size() == 4 ? "ie" : "i");
  }
  if (word.ends_with("eed")) {
    const std::string_view stem = WithoutSuffix(word, "eed");
    return HasPositiveMeasure(stem) ? std::string(stem) + "ee" : std::string(word);
  }
  std::string_view stem;
  bool stripped = false;
  for (const std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
    if (word.ends_with(suffix)) {
      stem = WithoutSuffix(word, suffix);
      if (ContainsVowel(stem)) {
        stripped = true;
        break;
      }
    }
  }
  if (!stripped) {
    return std::string(word);
  }
  for (const auto& [suffix, replacement] : {std::pair<std::string_view, std::string_view>{"at", "ate"},
                                            std::pair<std::string_view, std::string_view>{"bl", "ble"},
                                            std::pair<std::string_view, std::string_view>{"iz", "ize"}}) {
    if (stem.ends_with(suffix)) {
      return std::string(WithoutSuffix(stem, suffix)) + std::string(replacement);
    }
  }
  if (EndsDoubleConsonant(stem)) {
    const char last = stem.back();
    if (last != 'l' && last != 's' && last != 'z') {
      return std::string(stem.substr(0, stem.size() - 1));
    }
    return std::string(stem);
  }
  if (Measure(stem) == 1 && EndsCvc(stem)) {
    return std::string(stem) + "e";
  }
  return std::string(stem);
}

std::string Step1c(std::string_view word) {
  if (word.ends_with("y")) {
    const std::string_view stem = WithoutSuffix(word, "y");
    if (stem.size() > 1 && IsConsonant(stem, stem.size() - 1)) {
      return std::string(stem) + "i";
    }
  }
  return std::string(word);
}

std::string Step2(std::string_view word) {
  if (word.ends_with("alli") && HasPositiveMeasure(WithoutSuffix(word, "alli"))) {
    return Step2(std::string(WithoutSuffix(word, "alli")) + "al");
  }
  // "logi" -> "log" tests the measure with the l kept in the stem. No other
  // step-2 suffix ends in "gi", so when the word ends in "logi" this rule decides.
  if (word.ends_with("logi")) {
    return HasPositiveMeasure(word.substr(0, word.size() - 3)) ? std::string(WithoutSuffix(word, "logi")) + "log"
                                                               : std::string(word);
  }
  static constexpr std::array<SuffixRule, 21> kRules = {{
      {"ational", "ate", HasPositiveMeasure}, {"tional", "tion", HasPositiveMeasure},
      {"enci", "ence", HasPositiveMeasure},   {"anci", "ance", HasPositiveMeasure},
      {"izer", "ize", HasPositiveMeasure},    {"bli", "ble", HasPositiveMeasure},
      {"alli", "al", HasPositiveMeasure},     {"entli", "ent", HasPositiveMeasure},
      {"eli", "e", HasPositiveMeasure},       {"ousli", "ous", HasPositiveMeasure},
      {"ization", "ize", HasPositiveMeasure}, {"ation", "ate", HasPositiveMeasure},
      {"ator", "ate", HasPositiveMeasure},    {"alism", "al", HasPositiveMeasure},
      {"iveness", "ive", HasPositiveMeasure}, {"fulness", "ful", HasPositiveMeasure},
      {"ousness", "ous", HasPositiveMeasure}, {"aliti", "al", HasPositiveMeasure},
      {"iviti", "ive", HasPositiveMeasure},   {"biliti", "ble", HasPositiveMeasure},
      {"fulli", "ful", HasPositiveMeasure},
  }};
  return ApplyFirstMatching(word, kRules);
}

std::string Step3(std::string_view word) {
  static constexpr std::array<SuffixRule, 7> kRules = {{
      {"icate", "ic", HasPositiveMeasure},
      {"ative", "", HasPositiveMeasure},
      {"alize", "al", HasPositiveMeasure},
      {"iciti", "ic", HasPositiveMeasure},
      {"ical", "ic", HasPositiveMeasure},
      {"ful", "", HasPositiveMeasure},
      {"ness", "", HasPositiveMeasure},
  }};
  return ApplyFirstMatching(word, kRules);
}

bool MeasureAboveOne(std::string_view stem) { return Measure(stem) > 1; }

bool MeasureAboveOneAfterSOrT(std::string_view stem) {
  return Measure(stem) > 1 && (stem.back() == 's' || stem.back() == 't');
}

std::string Step4(std::string_view word) {
  static constexpr std::array<SuffixRule, 19> kRules = {{
      {"al", "", MeasureAboveOne},    {"ance", "", MeasureAboveOne}, {"ence", "", MeasureAboveOne},
      {"er", "", MeasureAboveOne},    {"ic", "", MeasureAboveOne},   {"able", "", MeasureAboveOne},
      {"ible", "", MeasureAboveOne},  {"ant", "", MeasureAboveOne},  {"ement", "", MeasureAboveOne},
      {"ment", "", MeasureAboveOne},  {"ent", "", MeasureAboveOne},  {"ion", "", MeasureAboveOneAfterSOrT},
      {"ou", "", MeasureAboveOne},    {"ism", "", MeasureAboveOne},  {"ate", "", MeasureAboveOne},
      {"iti", "", MeasureAboveOne},   {"ous", "", MeasureAboveOne},  {"ive", "", MeasureAboveOne},
      {"ize", "", MeasureAboveOne},
  }};
  return ApplyFirstMatching(word, kRules);
}

std::string Step5a(std::string_view word) {
  if (word.ends_with("e")) {
    const std::string_view stem = WithoutSuffix(word, "e");
    const int measure = Measure(stem);
    if (measure > 1 || (measure == 1 && !EndsCvc(stem))) {
      return std::string(stem);
    }
  }
  return std::string(word);
}

std::string Step5b(std::string_view word) {
  if (word.ends_with("ll") && Measure(word.substr(0, word.size() - 1)) > 1) {
    return std::string(word.substr(0, word.size() - 1));
  }
  return std::string(word);
}

// NLTK's table of irregular forms, looked up before any rule.
std::string_view IrregularForm(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kForms = {{
      {"sky", "sky"},         {"skies", "sky"},       {"dying", "die"},       {"lying", "lie"},
      {"tying", "tie"},       {"news", "news"},       {"innings", "inning"},  {"inning", "inning"},
      {"outings", "outing"},  {"outing", "outing"},   {"cannings", "canning"}, {"canning", "canning"},
      {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"},   {"succeed", "succeed"},
  }};
  for (const auto& [form, stem] : kForms) {
    if (form == word) {
      return stem;
    }
  }
  return {};
}

}  // namespace

std::string PorterStemmer::Stem(std::string_view word) const {
  if (const std::string_view irregular = IrregularForm(word); !irregular.empty()) {
    return std::string(irregular);
  }
  if (word.size() <= 2) {
    return std::string(word);
  }
  std::string stem = Step1a(word);
  stem = Step1b(stem);
  stem = Step1c(stem);
  stem = Step2(stem);
  stem = Step3(stem);
  stem = Step4(stem);
  stem = Step5a(stem);
  return Step5b(stem);
}

}  // namespace etalon::text
