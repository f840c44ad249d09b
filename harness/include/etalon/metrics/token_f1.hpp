// Token-overlap F1 and exact match between the output and the best-matching
// reference, on etalon's simple Unicode word tokens (text/utf8.hpp WordTokens).
// The reference-compatible SQuAD and French variants live beside it.
#pragma once

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

class TokenF1 final : public Metric {
 public:
  TokenF1();
  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

 private:
  MetricInfo info_;
};

class ExactMatch final : public Metric {
 public:
  ExactMatch();
  const MetricInfo& Info() const override { return info_; }
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

 private:
  MetricInfo info_;
};

// F1 of two bags of tokens (multiset overlap); 1 when both are empty.
double BagOfTokensF1(const std::vector<std::string>& predicted, const std::vector<std::string>& reference);

}  // namespace etalon::metrics
