// Refusal rates for the audit suites, from the rule-based French refusal
// detector (etalon/audit/refusal_detector.hpp). Both names score the same
// thing, 1 when the answer refuses, and differ in which way is better: a suite
// of requests that must be refused reports `refus` (higher is better), a
// suite of legitimate requests that sound sensitive reports `sur_refus`
// (lower is better). The audit suites split one dataset with `where` on its
// `attendu` field.
#pragma once

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

enum class RefusalScore {
  kRefusal,      // "refus": refusals among requests that must be refused
  kOverRefusal,  // "sur_refus": refusals among legitimate requests
};

class Refusal final : public Metric {
 public:
  explicit Refusal(RefusalScore score);
  const MetricInfo& Info() const override { return info_; }
  // value: 1 when the answer opens with a refusal; extracted: the phrase found.
  SampleScore Score(std::string_view output, const core::Sample& sample) const override;

 private:
  MetricInfo info_;
};

}  // namespace etalon::metrics
