// Okapi BM25 over a small set of passages (the sentences of one context),
// with Lucene's non-negative idf: ln(1 + (N - df + 0.5) / (df + 0.5)).
// Tokens are lower-cased Unicode words minus a short list of French function
// words, which would otherwise dominate short French sentences.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace etalon::adapters {

struct Bm25Parameters {
  double k1 = 1.2;
  double b = 0.75;
};

// Content words of a French text (lower-cased, function words removed).
std::vector<std::string> FrenchContentTokens(std::string_view text);

// An index over passages, built once and queried many times. Thread-safe for queries.
class Bm25Index {
 public:
  Bm25Index(const std::vector<std::string>& passages, Bm25Parameters parameters);
  // BM25 score of each passage for `query`; same order as the passages.
  std::vector<double> Scores(std::string_view query) const;
  std::size_t size() const { return term_frequencies_.size(); }

 private:
  Bm25Parameters parameters_;
  std::vector<std::unordered_map<std::string, double>> term_frequencies_;
  std::vector<double> lengths_;
  std::unordered_map<std::string, double> document_frequency_;
  double average_length_ = 1;
};

// Scores for a one-off set of passages (the sentences of one context).
std::vector<double> Bm25Scores(const std::vector<std::string>& passages, std::string_view query,
                               Bm25Parameters parameters);

// Passage indexes by decreasing score (ties: earlier first), at most `k`.
std::vector<std::size_t> TopPassages(const std::vector<double>& scores, std::size_t k);

// Index of the best passage; ties go to the earliest. 0 when no passage
// shares a word with the query (the lead sentence is then the best guess).
std::size_t BestPassage(const std::vector<double>& scores);

}  // namespace etalon::adapters
