// Checks a current run against a policy and a baseline (docs/gate.md). Each
// policy becomes one check per (adapter, bound); the outcome keeps apart what
// a check found (a regression, exit code 1) from a current run that cannot be
// judged (incomplete, or failed requests above its plan's tolerance: exit
// code 3), so infrastructure trouble is never reported as a model regression.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "etalon/gate/gate_policy.hpp"
#include "etalon/gate/gate_run.hpp"

namespace etalon::gate {

enum class CheckKind { kMetric, kMetricDrop, kP95Latency, kCostPer1000, kErrorRate };

struct CheckResult {
  std::string suite;
  std::string adapter;
  CheckKind kind = CheckKind::kMetric;
  std::string metric;      // kMetric and kMetricDrop
  std::string figure;      // in English: "token_f1", "token_f1 drop", "p95 latency (ms)", "cost per 1,000 requests", "error rate"
  std::string comparison;  // ">=" or "<="
  double threshold = 0;
  std::optional<double> value;     // unset when the current run has no figure (nothing scored)
  std::optional<double> baseline;  // the baseline's figure, when it has the cell
  std::optional<double> p_value;   // paired test, for max_drop with significance
  std::optional<double> significance;
  std::size_t policy_line = 0;
  bool passed = false;

  std::string Name() const;  // "suite/adapter: figure >= threshold"
};

// Incomplete wins over a regression: checks on a run that cannot be judged are shown, not trusted.
enum class Verdict { kPass, kRegression, kIncomplete };

struct GateOutcome {
  std::string baseline_source;
  std::string current_source;
  std::vector<CheckResult> checks;
  std::vector<std::string> incomplete;  // why the current run cannot be judged; empty when it can

  std::size_t failed() const;
  Verdict verdict() const;
};

// Throws GateInputError (message with the policy file's line and field).
GateOutcome EvaluateGate(const GatePolicy& policy, const GateRun& baseline, const GateRun& current);

}  // namespace etalon::gate
