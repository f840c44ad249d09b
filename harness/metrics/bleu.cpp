#include "etalon/metrics/bleu.hpp"

#include <cmath>
#include <cstdlib>

#include "etalon/metrics/decoded_sample.hpp"
#include "etalon/text/intern_tokens.hpp"
#include "etalon/text/ngram_overlap.hpp"

namespace etalon::metrics {

namespace {

// sacrebleu's my_log: log(0) is floored instead of being -inf.
constexpr double kLogOfZero = -9999999999.0;

double FlooredLog(double value) { return value == 0.0 ? kLogOfZero : std::log(value); }

std::string MetricName(text::BleuTokenizer tokenizer) {
  if (tokenizer == text::BleuTokenizer::k13a) {
    return "bleu";
  }
  return "bleu_" + std::string(text::BleuTokenizerName(tokenizer));
}

// sacrebleu's _get_closest_ref_len: the smallest difference wins, ties go to
// the shorter reference.
std::size_t ClosestReferenceLength(std::size_t hypothesis_length, const std::vector<std::size_t>& reference_lengths) {
  std::size_t closest_length = 0;
  std::size_t closest_difference = 0;
  bool first = true;
  for (const std::size_t length : reference_lengths) {
    const std::size_t difference =
        hypothesis_length > length ? hypothesis_length - length : length - hypothesis_length;
    if (first || difference < closest_difference) {
      closest_difference = difference;
      closest_length = length;
      first = false;
    } else if (difference == closest_difference && length < closest_length) {
      closest_length = length;
    }
  }
  return closest_length;
}

}  // namespace

Bleu::Bleu(text::BleuTokenizer tokenizer)
    : tokenizer_(tokenizer),
      info_{MetricName(tokenizer),
            "BLEU (sacrebleu 2.6.0 defaults: tokenizer " + std::string(text::BleuTokenizerName(tokenizer)) +
                ", exp smoothing, 4-grams): corpus score from summed n-gram statistics, 0-100.",
            0,
            100,
            true,
            Aggregation::kCorpus,
            "sacrebleu 2.6.0"} {}

std::vector<double> Bleu::Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const {
  std::vector<std::u32string> storage(references.size() + 1);
  std::vector<std::vector<std::u32string_view>> tokens;
  tokens.reserve(references.size() + 1);
  tokens.push_back(text::TokenizeForBleu(tokenizer_, hypothesis, storage[0]));
  for (std::size_t i = 0; i < references.size(); ++i) {
    tokens.push_back(text::TokenizeForBleu(tokenizer_, references[i], storage[i + 1]));
  }
  const auto ids = text::InternTokens(tokens);

  std::vector<std::span<const std::uint32_t>> reference_ids;
  std::vector<std::size_t> reference_lengths;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    reference_ids.emplace_back(ids[i]);
    reference_lengths.push_back(ids[i].size());
  }

  std::vector<double> statistics(kStatisticsSize, 0.0);
  statistics[0] = static_cast<double>(ids[0].size());
  statistics[1] = static_cast<double>(ClosestReferenceLength(ids[0].size(), reference_lengths));
  const std::vector<std::size_t> matches = text::NgramMatches(ids[0], reference_ids, kMaxOrder);
  for (int order = 1; order <= kMaxOrder; ++order) {
    const auto index = static_cast<std::size_t>(order - 1);
    statistics[2 + index] = static_cast<double>(matches[index]);
    statistics[2 + kMaxOrder + index] = static_cast<double>(text::NgramCount(ids[0], order));
  }
  return statistics;
}

BleuScore Bleu::FromStatistics(std::span<const double> statistics, bool effective_order) {
  BleuScore result;
  if (statistics.size() != kStatisticsSize) {
    return result;
  }
  const double system_length = statistics[0];
  const double reference_length = statistics[1];
  if (system_length < reference_length) {
    result.brevity_penalty = system_length > 0 ? std::exp(1.0 - reference_length / system_length) : 0.0;
  } else {
    result.brevity_penalty = 1.0;
  }
  const auto correct = statistics.subspan(2, kMaxOrder);
  const auto total = statistics.subspan(2 + kMaxOrder, kMaxOrder);
  bool any_match = false;
  for (const double count : correct) {
    any_match = any_match || count != 0.0;
  }
  if (!any_match) {
    return result;
  }
  // The same operations in the same order as compute_bleu, so the doubles
  // agree with sacrebleu's to the last bit.
  double smooth_mteval = 1.0;
  int used_orders = kMaxOrder;
  for (int n = 1; n <= kMaxOrder; ++n) {
    const auto i = static_cast<std::size_t>(n - 1);
    if (total[i] == 0.0) {
      break;
    }
    if (effective_order) {
      used_orders = n;
    }
    if (correct[i] == 0.0) {
      smooth_mteval *= 2.0;
      result.precisions[i] = 100.0 / (smooth_mteval * total[i]);
    } else {
      result.precisions[i] = 100.0 * correct[i] / total[i];
    }
  }
  double log_sum = 0.0;
  for (int n = 0; n < used_orders; ++n) {
    log_sum += FlooredLog(result.precisions[static_cast<std::size_t>(n)]);
  }
  result.score = result.brevity_penalty * std::exp(log_sum / used_orders);
  return result;
}

SampleScore Bleu::Score(std::string_view output, const core::Sample& sample) const {
  // Sentence BLEU uses the effective order, as sacrebleu's sentence_bleu does.
  return ScoreFromStatistics(
      output, sample, [this](const auto& hypothesis, const auto& references) { return Statistics(hypothesis, references); },
      [](const std::vector<double>& statistics) { return FromStatistics(statistics, true).score; });
}

double Bleu::CorpusScore(const std::vector<double>& summed) const { return FromStatistics(summed, false).score; }

}  // namespace etalon::metrics
