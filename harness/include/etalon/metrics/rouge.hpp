// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum F-measure, with two tokenizers:
//
//   kUnicode     etalon's default, for French: NFC, Python lowercase, tokens
//                are runs of letters, digits and combining marks ("élève"
//                stays one token; apostrophes and hyphens separate words).
//   kRougeScore  rouge_score 0.1.2 (the 2022 release) compatible: lowercase,
//                every character outside [a-z0-9] is a separator, so "élève"
//                becomes "l", "ve" and "été" yields nothing; optionally
//                NLTK 3.8's Porter stemmer on tokens longer than 3 characters.
//
// Scores follow rouge_scorer.score(target=reference, prediction=output):
// n-gram overlap for rouge1/rouge2, LCS for rougeL, and the summary-level
// union LCS over newline-separated sentences for rougeLsum. With several
// references a sample keeps the best F-measure (rouge_score's score_multi).
// The suite figure is the mean of per-sample F-measures, as rouge_score's
// averages are.
#pragma once

#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class RougeType { kRouge1, kRouge2, kRougeL, kRougeLsum };

enum class RougeTokenizer { kUnicode, kRougeScore };

struct RougeScore {
  double precision = 0;
  double recall = 0;
  double fmeasure = 0;
};

class Rouge final : public Metric {
 public:
  // use_stemmer is valid with kRougeScore only (the Porter stemmer is English).
  Rouge(RougeType type, RougeTokenizer tokenizer, bool use_stemmer);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

  // The tokens this configuration scores, as UTF-8.
  std::vector<std::string> Tokenize(std::u32string_view text) const;

  // rouge_scorer.score(target, prediction)[type].
  RougeScore ScorePair(std::u32string_view target, std::u32string_view prediction) const;

 private:
  RougeType type_;
  RougeTokenizer tokenizer_;
  bool use_stemmer_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
