// Retrieval quality of a ranked list of document ids: Recall@k, MRR and
// nDCG@k with binary relevance. The relevant ids are the sample field
// `relevant_ids` (a JSON array of strings or numbers); the output is the
// ranking, either a JSON array of ids or one id per line (blank lines and
// list markers "- ", "* ", "• ", "1. ", "1) " are ignored). Ids compare as
// exact strings after trimming; a repeated id counts at its first rank only.
// Each figure is the mean over samples.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class RetrievalScore {
  kRecallAtK,  // relevant ids in the top k / relevant ids
  kMrr,        // 1 / rank of the first relevant id, 0 if none (whole ranking)
  kNdcgAtK,    // DCG of the top k (gain 1 / log2(rank + 1)) / ideal DCG
};

class Retrieval final : public Metric {
 public:
  static constexpr std::size_t kDefaultK = 10;

  // k >= 1; MRR ignores it.
  Retrieval(RetrievalScore score, std::size_t k = kDefaultK);

  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

  // The ranking read from a model output (valid UTF-8), duplicates removed.
  static std::vector<std::string> ParseRanking(std::string_view output);

 private:
  RetrievalScore score_;
  std::size_t k_;
  MetricInfo info_;
};

}  // namespace etalon::metrics
