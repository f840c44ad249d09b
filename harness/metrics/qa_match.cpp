#include "etalon/metrics/qa_match.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <utility>

#include "etalon/metrics/token_f1.hpp"
#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

MetricInfo MakeInfo(AnswerScore score, AnswerNormalization normalization) {
  const bool exact = score == AnswerScore::kExactMatch;
  switch (normalization) {
    case AnswerNormalization::kSquad:
      return {exact ? "squad_em" : "squad_f1",
              exact ? "Exact match after SQuAD v1.1 normalisation (English articles removed, best reference)."
                    : "Token F1 after SQuAD v1.1 normalisation (English articles removed, best reference).",
              0, 1, true, Aggregation::kMean, "SQuAD v1.1 evaluate script"};
    case AnswerNormalization::kFrenchBench:
      return {exact ? "french_bench_em" : "french_bench_f1",
              exact ? "Exact match as lm-evaluation-harness french_bench (French articles removed, first reference)."
                    : "Token F1 as lm-evaluation-harness french_bench (French articles removed, first reference).",
              0, 1, true, Aggregation::kMean, "lm-evaluation-harness french_bench"};
    case AnswerNormalization::kFrench:
      break;
  }
  return {exact ? "em_fr" : "f1_fr",
          exact ? "Exact match after etalon's French normalisation (elisions and articles handled, best reference)."
                : "Token F1 after etalon's French normalisation (elisions and articles handled, best reference).",
          0, 1, true, Aggregation::kMean, ""};
}

// Python's string.punctuation.
bool IsAsciiPunctuation(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// normalize_answer of the SQuAD script and of french_bench, which differ only
// in their articles: lower, delete ASCII punctuation, replace each article by
// a space with re.sub(r"\b(...)\b", " "), split. An article matches only as a
// whole run of \w characters, so the runs are compared directly.
std::vector<std::string> ScriptTokens(std::string_view answer, std::span<const std::u32string_view> articles) {
  const std::u32string lowered = text::PythonLower(text::DecodeUtf8(answer).value_or(std::u32string()));
  std::u32string kept;
  kept.reserve(lowered.size());
  for (const char32_t c : lowered) {
    if (!IsAsciiPunctuation(c)) {
      kept.push_back(c);
    }
  }
  std::u32string without_articles;
  without_articles.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size();) {
    if (!text::IsPythonWordChar(kept[i])) {
      without_articles.push_back(kept[i]);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < kept.size() && text::IsPythonWordChar(kept[end])) {
      ++end;
    }
    const std::u32string_view run(kept.data() + i, end - i);
    if (std::find(articles.begin(), articles.end(), run) != articles.end()) {
      without_articles.push_back(U' ');
    } else {
      without_articles.append(run);
    }
    i = end;
  }
  std::vector<std::string> tokens;
  for (const auto word : text::PythonSplit(without_articles)) {
    tokens.push_back(text::EncodeUtf8(word));
  }
  return tokens;
}

// The full form of an elided clitic, "" for the elided article l'.
std::optional<std::string_view> ElidedWord(std::string_view clitic) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kElisions = {{
      {"l", ""},
      {"d", "de"},
      {"qu", "que"},
      {"j", "je"},
      {"n", "ne"},
      {"s", "se"},
      {"c", "ce"},
      {"m", "me"},
      {"t", "te"},
      {"jusqu", "jusque"},
      {"lorsqu", "lorsque"},
      {"puisqu", "puisque"},
      {"quoiqu", "quoique"},
  }};
  for (const auto& [elided, full] : kElisions) {
    if (elided == clitic) {
      return full;
    }
  }
  return std::nullopt;
}

bool IsFrenchArticle(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kArticles = {"le", "la", "les", "un", "une", "des", "du"};
  return std::find(kArticles.begin(), kArticles.end(), word) != kArticles.end();
}

std::vector<std::string> FrenchTokens(std::string_view answer) {
  const std::string normalized = text::NormalizeFrench(answer);
  std::vector<std::string> tokens;
  auto keep = [&](std::string_view word) {
    if (!word.empty() && !IsFrenchArticle(word)) {
      tokens.emplace_back(word);
    }
  };
  std::size_t start = 0;
  while (start <= normalized.size()) {
    std::size_t end = normalized.find(' ', start);
    if (end == std::string::npos) {
      end = normalized.size();
    }
    std::string_view word(normalized.data() + start, end - start);
    // NormalizeFrench keeps an apostrophe only between two word characters.
    for (std::size_t apostrophe = word.find('\''); apostrophe != std::string_view::npos;
         apostrophe = word.find('\'')) {
      const auto full = ElidedWord(word.substr(0, apostrophe));
      if (!full) {
        break;  // "aujourd'hui" and other apostrophes inside a word stay
      }
      keep(*full);
      word.remove_prefix(apostrophe + 1);
    }
    keep(word);
    start = end + 1;
  }
  return tokens;
}

constexpr std::array<std::u32string_view, 3> kEnglishArticles = {U"a", U"an", U"the"};
constexpr std::array<std::u32string_view, 6> kFrenchArticles = {U"un", U"une", U"des", U"le", U"la", U"les"};

}  // namespace

QaMatch::QaMatch(AnswerScore score, AnswerNormalization normalization)
    : score_(score), normalization_(normalization), info_(MakeInfo(score, normalization)) {}

std::vector<std::string> QaMatch::AnswerTokens(AnswerNormalization normalization, std::string_view answer) {
  switch (normalization) {
    case AnswerNormalization::kSquad:
      return ScriptTokens(answer, kEnglishArticles);
    case AnswerNormalization::kFrenchBench:
      return ScriptTokens(answer, kFrenchArticles);
    case AnswerNormalization::kFrench:
      break;
  }
  return FrenchTokens(answer);
}

double QaMatch::ScorePair(std::string_view prediction, std::string_view reference) const {
  const auto predicted = AnswerTokens(normalization_, prediction);
  const auto expected = AnswerTokens(normalization_, reference);
  if (score_ == AnswerScore::kExactMatch) {
    return predicted == expected ? 1.0 : 0.0;
  }
  // The SQuAD script gives 0 when nothing is in common, even when both
  // sides normalise to nothing; french_bench and etalon give 1 then.
  if (normalization_ == AnswerNormalization::kSquad && (predicted.empty() || expected.empty())) {
    return 0.0;
  }
  return BagOfTokensF1(predicted, expected);
}

SampleScore QaMatch::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (sample.references.empty()) {
    score.error = "sample has no reference";
    return score;
  }
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  // french_bench scores references[0] only.
  const std::size_t used = normalization_ == AnswerNormalization::kFrenchBench ? 1 : sample.references.size();
  for (std::size_t i = 0; i < used; ++i) {
    if (!text::IsValidUtf8(sample.references[i])) {
      score.error = "reference " + std::to_string(i + 1) + " is not valid UTF-8";
      return score;
    }
    score.value = std::max(score.value, ScorePair(output, sample.references[i]));
  }
  std::string extracted;
  for (const auto& token : AnswerTokens(normalization_, output)) {
    extracted += extracted.empty() ? token : " " + token;
  }
  score.extracted = std::move(extracted);
  return score;
}

}  // namespace etalon::metrics
