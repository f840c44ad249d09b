#include "builtin/bm25_ranker.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "etalon/text/utf8.hpp"

namespace etalon::adapters {

namespace {

const std::unordered_set<std::string>& FrenchFunctionWords() {
  static const std::unordered_set<std::string> words = {
      "a",     "à",    "au",   "aux",  "avec", "ce",    "ces",   "c",    "d",     "dans", "de",   "des",
      "du",    "elle", "en",   "est",  "et",   "être",  "il",    "ils",  "j",     "je",   "l",    "la",
      "le",    "les",  "leur", "lui",  "m",    "ma",    "mais",  "me",   "mes",   "mon",  "n",    "ne",
      "nous",  "on",   "ou",   "où",   "par",  "pas",   "pour",  "qu",   "que",   "qui",  "s",    "sa",
      "se",    "ses",  "son",  "sont", "sur",  "t",     "ta",    "te",   "tes",   "ton",  "un",   "une",
      "vos",   "votre", "vous", "y",   "quel", "quelle", "quels", "quelles", "comment", "combien",
      "quand", "est-ce", "ont",  "été",  "faut", "doit",  "peut",  "cette", "cet",
  };
  return words;
}

}  // namespace

std::vector<std::string> FrenchContentTokens(std::string_view text) {
  std::vector<std::string> tokens;
  const auto& function_words = FrenchFunctionWords();
  for (auto& token : etalon::text::WordTokens(text)) {
    if (function_words.count(token) == 0) {
      tokens.push_back(std::move(token));
    }
  }
  return tokens;
}

std::vector<double> Bm25Scores(const std::vector<std::string>& passages, std::string_view query,
                               Bm25Parameters parameters) {
  std::vector<std::vector<std::string>> tokenized;
  tokenized.reserve(passages.size());
  double total_length = 0;
  std::unordered_map<std::string, std::size_t> document_frequency;
  for (const auto& passage : passages) {
    tokenized.push_back(FrenchContentTokens(passage));
    total_length += static_cast<double>(tokenized.back().size());
    std::unordered_set<std::string> seen(tokenized.back().begin(), tokenized.back().end());
    for (const auto& token : seen) {
      ++document_frequency[token];
    }
  }
  std::vector<double> scores(passages.size(), 0.0);
  if (passages.empty()) {
    return scores;
  }
  const double passages_count = static_cast<double>(passages.size());
  const double average_length = std::max(total_length / passages_count, 1e-9);
  auto query_tokens = FrenchContentTokens(query);
  std::sort(query_tokens.begin(), query_tokens.end());
  query_tokens.erase(std::unique(query_tokens.begin(), query_tokens.end()), query_tokens.end());
  for (std::size_t i = 0; i < tokenized.size(); ++i) {
    std::unordered_map<std::string_view, double> term_frequency;
    for (const auto& token : tokenized[i]) {
      term_frequency[token] += 1;
    }
    const double length_norm =
        1 - parameters.b + parameters.b * static_cast<double>(tokenized[i].size()) / average_length;
    for (const auto& term : query_tokens) {
      const auto found = term_frequency.find(term);
      if (found == term_frequency.end()) {
        continue;
      }
      const double df = static_cast<double>(document_frequency[term]);
      const double idf = std::log(1 + (passages_count - df + 0.5) / (df + 0.5));
      const double tf = found->second;
      scores[i] += idf * tf * (parameters.k1 + 1) / (tf + parameters.k1 * length_norm);
    }
  }
  return scores;
}

std::size_t BestPassage(const std::vector<double>& scores) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best]) {
      best = i;
    }
  }
  return best;
}

}  // namespace etalon::adapters
