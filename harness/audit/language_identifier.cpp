#include "etalon/audit/language_identifier.hpp"

#include <cmath>
#include <limits>
#include <set>

#include "etalon/text/unicode_properties.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::audit {

namespace {

// Lower-cased letters, each run of non-letters turned into one space, with a
// space at both ends so that n-grams see word starts and ends.
std::u32string Letters(std::string_view text) {
  const auto decoded = text::DecodeUtf8(text::ToLower(text));
  std::u32string letters = U" ";
  if (!decoded) {
    return letters;
  }
  for (const char32_t c : *decoded) {
    if (text::IsLetter(c)) {
      letters += c;
    } else if (letters.back() != U' ') {
      letters += U' ';
    }
  }
  if (letters.back() != U' ') {
    letters += U' ';
  }
  return letters;
}

template <typename Each>
void ForEachNgram(const std::u32string& letters, Each each) {
  for (std::size_t n = 1; n <= LanguageIdentifier::kMaxOrder; ++n) {
    for (std::size_t start = 0; start + n <= letters.size(); ++start) {
      const std::u32string_view gram(letters.data() + start, n);
      if (n == 1 && gram == U" ") {
        continue;  // spaces alone say nothing about the language
      }
      each(n, gram);
    }
  }
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    if (!line.empty()) {
      lines.push_back(line);
    }
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace

LanguageIdentifier::LanguageIdentifier(const std::vector<LanguageCorpus>& corpora) {
  std::vector<std::set<std::u32string>> distinct(kMaxOrder + 1);
  for (const auto& corpus : corpora) {
    languages_.emplace_back(corpus.code);
    Profile profile;
    const auto lines = Lines(corpus.text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if ((i + 1) % kHeldOutEvery == 0) {
        held_out_.push_back({std::string(corpus.code), std::string(lines[i])});
        continue;
      }
      ForEachNgram(Letters(lines[i]), [&](std::size_t n, std::u32string_view gram) {
        profile.counts[std::u32string(gram)] += 1.0;
        profile.totals[n] += 1.0;
        distinct[n].insert(std::u32string(gram));
      });
    }
    profiles_.push_back(std::move(profile));
  }
  for (std::size_t n = 1; n <= kMaxOrder; ++n) {
    vocabulary_[n] = static_cast<double>(distinct[n].size());
  }
}

const LanguageIdentifier& LanguageIdentifier::Shipped() {
  static const LanguageIdentifier identifier(ShippedLanguageCorpora());
  return identifier;
}

std::string LanguageIdentifier::Identify(std::string_view text) const {
  if (!text::IsValidUtf8(text)) {
    return "";
  }
  const std::u32string letters = Letters(text);
  if (letters.size() <= 1) {
    return "";
  }
  std::size_t best = 0;
  double best_score = -std::numeric_limits<double>::infinity();
  for (std::size_t language = 0; language < profiles_.size(); ++language) {
    const auto& profile = profiles_[language];
    double score = 0;
    ForEachNgram(letters, [&](std::size_t n, std::u32string_view gram) {
      const auto found = profile.counts.find(std::u32string(gram));
      const double count = found == profile.counts.end() ? 0.0 : found->second;
      score += std::log((count + 1.0) / (profile.totals[n] + vocabulary_[n] + 1.0));
    });
    if (score > best_score) {
      best_score = score;
      best = language;
    }
  }
  return profiles_.empty() ? "" : languages_[best];
}

double LanguageIdentifier::HeldOutAccuracy() const {
  if (held_out_.empty()) {
    return 0.0;
  }
  std::size_t correct = 0;
  for (const auto& sentence : held_out_) {
    correct += Identify(sentence.text) == sentence.language ? 1 : 0;
  }
  return static_cast<double>(correct) / static_cast<double>(held_out_.size());
}

}  // namespace etalon::audit
