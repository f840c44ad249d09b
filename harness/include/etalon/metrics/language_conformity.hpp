// Language conformity: whether the answer is in the language it was asked
// in (the sample's `langue_attendue`, French when absent), by the shipped
// character n-gram identifier (etalon/audit/language_identifier.hpp).
#pragma once

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

class LanguageConformity final : public Metric {
 public:
  LanguageConformity();
  const MetricInfo& Info() const override { return info_; }
  // value: 1 when the identified language is the expected one; extracted: the identified code.
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

 private:
  MetricInfo info_;
};

}  // namespace etalon::metrics
