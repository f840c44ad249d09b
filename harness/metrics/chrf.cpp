#include "etalon/metrics/chrf.hpp"

#include "etalon/metrics/decoded_sample.hpp"
#include "etalon/text/intern_tokens.hpp"
#include "etalon/text/ngram_overlap.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

// Python's string.punctuation, the set sacrebleu's chrF+ splits off words.
bool IsAsciiPunctuation(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// sacrebleu's CHRF._remove_punctuation: one punctuation character is split
// off the end of a word, or else off its start (so "(hi)" gives "(hi" and ")").
std::vector<std::u32string_view> WordsForChrf(std::u32string_view sentence) {
  std::vector<std::u32string_view> words;
  for (const std::u32string_view word : text::PythonSplit(sentence)) {
    if (word.size() == 1) {
      words.push_back(word);
    } else if (IsAsciiPunctuation(word.back())) {
      words.push_back(word.substr(0, word.size() - 1));
      words.push_back(word.substr(word.size() - 1));
    } else if (IsAsciiPunctuation(word.front())) {
      words.push_back(word.substr(0, 1));
      words.push_back(word.substr(1));
    } else {
      words.push_back(word);
    }
  }
  return words;
}

// The characters chrF counts: every code point except Python whitespace.
std::vector<std::uint32_t> CharacterSymbols(std::u32string_view sentence) {
  std::vector<std::uint32_t> symbols(sentence.size());
  std::size_t size = 0;
  for (const char32_t c : sentence) {
    // Printable ASCII is never whitespace: answer it without the full test.
    if ((c > U' ' && c < 0x85) || !text::IsPythonWhitespace(c)) {
      symbols[size++] = static_cast<std::uint32_t>(c);
    }
  }
  symbols.resize(size);
  return symbols;
}

void AppendOrderStatistics(std::span<const std::uint32_t> hypothesis, std::span<const std::uint32_t> reference,
                           int max_order, std::vector<double>& statistics) {
  const std::span<const std::uint32_t> references[] = {reference};
  const std::vector<std::size_t> matches = text::NgramMatches(hypothesis, references, max_order);
  for (int order = 1; order <= max_order; ++order) {
    const std::size_t reference_count = text::NgramCount(reference, order);
    statistics.push_back(reference_count > 0 ? static_cast<double>(text::NgramCount(hypothesis, order)) : 0.0);
    statistics.push_back(static_cast<double>(reference_count));
    statistics.push_back(static_cast<double>(matches[static_cast<std::size_t>(order - 1)]));
  }
}

}  // namespace

Chrf::Chrf(int word_order)
    : word_order_(word_order),
      // sacrebleu's own naming: one "+" per word order (chrF2++ for word order 2).
      info_{"chrf" + std::string(static_cast<std::size_t>(word_order), '+'),
            word_order == 0
                ? std::string("chrF (sacrebleu 2.6.0: character 6-grams, beta 2): corpus score from summed "
                              "n-gram statistics, 0-100.")
                : "chrF++ (sacrebleu 2.6.0: character 6-grams and word " + std::to_string(word_order) +
                      "-grams, beta 2): corpus score from summed n-gram statistics, 0-100.",
            0,
            100,
            true,
            Aggregation::kCorpus,
            "sacrebleu 2.6.0"} {}

std::vector<double> Chrf::Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const {
  const std::vector<std::uint32_t> hypothesis_chars = CharacterSymbols(hypothesis);
  std::vector<std::vector<std::uint32_t>> word_ids;
  if (word_order_ > 0) {
    std::vector<std::vector<std::u32string_view>> words;
    words.reserve(references.size() + 1);
    words.push_back(WordsForChrf(hypothesis));
    for (const auto& reference : references) {
      words.push_back(WordsForChrf(reference));
    }
    word_ids = text::InternTokens(words);
  }

  std::vector<double> best;
  double best_score = -1.0;
  for (std::size_t r = 0; r < references.size(); ++r) {
    std::vector<double> statistics;
    statistics.reserve(StatisticsSize());
    AppendOrderStatistics(hypothesis_chars, CharacterSymbols(references[r]), kCharOrder, statistics);
    if (word_order_ > 0) {
      AppendOrderStatistics(word_ids[0], word_ids[r + 1], word_order_, statistics);
    }
    const double score = FScore(statistics);
    if (score > best_score) {
      best_score = score;
      best = std::move(statistics);
    }
  }
  return best;
}

double Chrf::FScore(std::span<const double> statistics) const {
  if (statistics.size() != StatisticsSize()) {
    return 0.0;
  }
  // The operations of _compute_f_score in its order (eps_smoothing=False).
  const double factor = static_cast<double>(kBeta * kBeta);
  double average_precision = 0.0;
  double average_recall = 0.0;
  int effective_order = 0;
  for (std::size_t i = 0; i < statistics.size() / 3; ++i) {
    const double hypothesis_count = statistics[3 * i];
    const double reference_count = statistics[3 * i + 1];
    const double match_count = statistics[3 * i + 2];
    if (hypothesis_count > 0 && reference_count > 0) {
      average_precision += match_count / hypothesis_count;
      average_recall += match_count / reference_count;
      ++effective_order;
    }
  }
  if (effective_order == 0) {
    return 0.0;
  }
  average_precision /= effective_order;
  average_recall /= effective_order;
  if (average_precision + average_recall == 0.0) {
    return 0.0;
  }
  double score = (1.0 + factor) * average_precision * average_recall;
  score /= (factor * average_precision) + average_recall;
  return 100.0 * score;
}

SampleScore Chrf::Score(std::string_view output, const core::Sample& sample) const {
  return ScoreFromStatistics(
      output, sample, [this](const auto& hypothesis, const auto& references) { return Statistics(hypothesis, references); },
      [this](const std::vector<double>& statistics) { return FScore(statistics); });
}

double Chrf::CorpusScore(const std::vector<double>& summed) const { return FScore(summed); }

}  // namespace etalon::metrics
