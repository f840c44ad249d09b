// Exact match and token F1 between an answer and its references, under three
// normalisations:
//
//   kSquad        the official SQuAD v1.1 evaluate script: lowercase, delete
//                 ASCII punctuation, delete the English articles a/an/the
//                 (the French verb "a" too), split on whitespace. "l'homme"
//                 becomes "lhomme". Max over references. (squad_em, squad_f1)
//   kFrenchBench  lm-evaluation-harness french_bench (tasks/french_bench/utils.py):
//                 the same with the articles un/une/des/le/la/les; it scores
//                 the first reference only, and F1 is 1 when both sides are
//                 empty. (french_bench_em, french_bench_f1)
//   kFrench       etalon's French normalisation (text/french_normalizer.hpp),
//                 then elisions split off ("l'homme" -> "homme", "qu'il" ->
//                 "que il": l' d' qu' j' n' s' c' m' t' and jusqu' lorsqu'
//                 puisqu' quoiqu') and the articles le/la/les/l'/un/une/des/du
//                 removed. Max over references; F1 is 1 when both sides are
//                 empty. (em_fr, f1_fr)
//
// Values are on 0-1 (the SQuAD script reports 100 times the mean).
#pragma once

#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class AnswerScore { kExactMatch, kF1 };

enum class AnswerNormalization { kSquad, kFrenchBench, kFrench };

class QaMatch final : public Metric {
 public:
  QaMatch(AnswerScore score, AnswerNormalization normalization);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

  // The tokens an answer normalises to (UTF-8); `answer` must be valid UTF-8.
  static std::vector<std::string> AnswerTokens(AnswerNormalization normalization, std::string_view answer);

  // The score of one prediction against one reference.
  double ScorePair(std::string_view prediction, std::string_view reference) const;

 private:
  AnswerScore score_;
  AnswerNormalization normalization_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
