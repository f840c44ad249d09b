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

Bm25Index::Bm25Index(const std::vector<std::string>& passages, Bm25Parameters parameters) : parameters_(parameters) {
  double total_length = 0;
  for (const auto& passage : passages) {
    auto& frequencies = term_frequencies_.emplace_back();
    const auto tokens = FrenchContentTokens(passage);
    for (const auto& token : tokens) {
      frequencies[token] += 1;
    }
    for (const auto& [token, count] : frequencies) {
      document_frequency_[token] += 1;
    }
    lengths_.push_back(static_cast<double>(tokens.size()));
    total_length += lengths_.back();
  }
  if (!passages.empty()) {
    average_length_ = std::max(total_length / static_cast<double>(passages.size()), 1e-9);
  }
}

std::vector<double> Bm25Index::Scores(std::string_view query) const {
  std::vector<double> scores(term_frequencies_.size(), 0.0);
  const double passages_count = static_cast<double>(term_frequencies_.size());
  auto query_tokens = FrenchContentTokens(query);
  std::sort(query_tokens.begin(), query_tokens.end());
  query_tokens.erase(std::unique(query_tokens.begin(), query_tokens.end()), query_tokens.end());
  for (std::size_t i = 0; i < term_frequencies_.size(); ++i) {
    const double length_norm = 1 - parameters_.b + parameters_.b * lengths_[i] / average_length_;
    for (const auto& term : query_tokens) {
      const auto found = term_frequencies_[i].find(term);
      if (found == term_frequencies_[i].end()) {
        continue;
      }
      const double df = document_frequency_.at(term);
      const double idf = std::log(1 + (passages_count - df + 0.5) / (df + 0.5));
      const double tf = found->second;
      scores[i] += idf * tf * (parameters_.k1 + 1) / (tf + parameters_.k1 * length_norm);
    }
  }
  return scores;
}

std::vector<double> Bm25Scores(const std::vector<std::string>& passages, std::string_view query,
                               Bm25Parameters parameters) {
  return Bm25Index(passages, parameters).Scores(query);
}

std::vector<std::size_t> TopPassages(const std::vector<double>& scores, std::size_t k) {
  std::vector<std::size_t> order(scores.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&scores](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  order.resize(std::min(k, order.size()));
  return order;
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
