#include "etalon/gate/gate_evaluation.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/run/journal_reader.hpp"
#include "etalon/stats/paired_test.hpp"

namespace etalon::gate {

namespace {

// Below this difference a figure equals its threshold (doubles read back from JSON).
constexpr double kTolerance = 1e-12;

const nlohmann::json* FindCell(const nlohmann::json& summary, const std::string& adapter, const std::string& suite) {
  for (const auto& entry : summary.at("results")) {
    if (entry.value("adapter", "") == adapter && entry.value("suite", "") == suite) {
      return &entry;
    }
  }
  return nullptr;
}

const nlohmann::json* FindMetricInfo(const nlohmann::json& summary, const std::string& suite, const std::string& metric) {
  const auto suites = summary.find("suites");
  if (suites == summary.end() || !suites->is_array()) {
    return nullptr;
  }
  for (const auto& entry : *suites) {
    if (entry.value("id", "") != suite || !entry.contains("metrics") || !entry.at("metrics").is_array()) {
      continue;
    }
    for (const auto& info : entry.at("metrics")) {
      if (info.value("name", "") == metric) {
        return &info;
      }
    }
  }
  return nullptr;
}

std::optional<double> NumberAt(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer) || !object.at(pointer).is_number()) {
    return std::nullopt;
  }
  return object.at(pointer).get<double>();
}

// Each sample's metric value (mean over repeats) for one cell, from a journal.
std::map<std::string, double> SampleValues(const std::string& results_path, const std::string& adapter,
                                           const std::string& suite, const std::string& metric) {
  core::LineReader reader(results_path);
  if (!reader.is_open()) {
    throw GateInputError(fmt::format("{}: cannot read", results_path));
  }
  std::map<std::string, std::pair<double, int>> sums;
  std::string line;
  while (reader.Next(line)) {
    if (line.empty()) {
      continue;
    }
    try {
      const auto record = run::ParseJournalLine(line, {"adapter", "suite", "sample", "error", "scores"});
      if (record.at("adapter") != adapter || record.at("suite") != suite || !record.at("error").is_null()) {
        continue;
      }
      const auto score = record.at("scores").find(metric);
      if (score == record.at("scores").end() || !score->contains("value") || !score->at("value").is_number()) {
        continue;
      }
      auto& [sum, count] = sums[record.at("sample").get<std::string>()];
      sum += score->at("value").get<double>();
      ++count;
    } catch (const nlohmann::json::exception& error) {
      throw GateInputError(fmt::format("{}:{}: not a result line ({})", results_path, reader.line_number(), error.what()));
    }
  }
  std::map<std::string, double> means;
  for (const auto& [sample, sum_count] : sums) {
    means[sample] = sum_count.first / sum_count.second;
  }
  return means;
}

std::string EnglishFigure(CheckKind kind, const std::string& metric) {
  switch (kind) {
    case CheckKind::kMetric: return metric;
    case CheckKind::kMetricDrop: return metric + " drop";
    case CheckKind::kP95Latency: return "p95 latency (ms)";
    case CheckKind::kCostPer1000: return "cost per 1,000 requests";
    case CheckKind::kErrorRate: return "error rate";
  }
  return metric;  // unreachable: every kind is handled above
}

class Evaluator {
 public:
  Evaluator(const GatePolicy& gate, const GateRun& baseline, const GateRun& current)
      : gate_(gate), baseline_(baseline), current_(current) {}

  void Evaluate(const Policy& policy, GateOutcome& outcome) const {
    std::vector<const nlohmann::json*> cells;
    for (const auto& entry : current_.summary.at("results")) {
      if (entry.value("suite", "") == policy.suite && (!policy.adapter || entry.value("adapter", "") == *policy.adapter)) {
        cells.push_back(&entry);
      }
    }
    if (cells.empty()) {
      Fail(policy, policy.adapter ? "adapter" : "suite",
           fmt::format("the current run ({}) has no result for suite '{}'{}", current_.source, policy.suite,
                       policy.adapter ? fmt::format(" and adapter '{}'", *policy.adapter) : ""));
    }
    for (const auto* cell : cells) {
      const auto adapter = cell->value("adapter", "");
      const auto* baseline_cell = FindCell(baseline_.summary, adapter, policy.suite);
      if (policy.metric) {
        MetricChecks(policy, adapter, *cell, baseline_cell, outcome);
      }
      if (policy.max_p95_latency_ms) {
        Add(outcome, policy, adapter, CheckKind::kP95Latency, "<=", *policy.max_p95_latency_ms,
            NumberAt(*cell, "/latency_ms/end_to_end/p95"_json_pointer),
            baseline_cell ? NumberAt(*baseline_cell, "/latency_ms/end_to_end/p95"_json_pointer) : std::nullopt);
      }
      if (policy.max_cost_per_1000) {
        Add(outcome, policy, adapter, CheckKind::kCostPer1000, "<=", *policy.max_cost_per_1000,
            CostPer1000(policy, *cell, current_), baseline_cell ? CostPer1000(policy, *baseline_cell, baseline_) : std::nullopt);
      }
      if (policy.max_error_rate) {
        Add(outcome, policy, adapter, CheckKind::kErrorRate, "<=", *policy.max_error_rate,
            NumberAt(*cell, "/error_rate"_json_pointer),
            baseline_cell ? NumberAt(*baseline_cell, "/error_rate"_json_pointer) : std::nullopt);
      }
    }
  }

 private:
  [[noreturn]] void Fail(const Policy& policy, const std::string& field, const std::string& message) const {
    const auto line = policy.field_lines.find(field);
    throw GateInputError(core::Diagnostic{gate_.path, line != policy.field_lines.end() ? line->second : policy.line,
                                          policy.path + "." + field, message}
                             .ToString());
  }

  std::optional<double> CostPer1000(const Policy& policy, const nlohmann::json& cell, const GateRun& run) const {
    const auto cost = cell.find("cost");
    if (cost == cell.end() || !cost->is_object() || !cost->contains("per_request_eur") ||
        !cost->at("per_request_eur").is_number()) {
      Fail(policy, "max_cost_per_1000",
           fmt::format("{} has no cost figures (results[].cost.per_request_eur) for {}/{}: cost needs a run whose "
                       "adapters are priced",
                       run.source, cell.value("adapter", ""), policy.suite));
    }
    return cost->at("per_request_eur").get<double>() * 1000.0;
  }

  void MetricChecks(const Policy& policy, const std::string& adapter, const nlohmann::json& cell,
                    const nlohmann::json* baseline_cell, GateOutcome& outcome) const {
    const auto& metric = *policy.metric;
    const auto* info = FindMetricInfo(current_.summary, policy.suite, metric);
    if (info == nullptr) {
      Fail(policy, "metric", fmt::format("suite '{}' has no metric '{}' in {}", policy.suite, metric, current_.source));
    }
    const auto pointer = nlohmann::json::json_pointer("/metrics/" + metric + "/value");
    const auto value = NumberAt(cell, pointer);
    const auto baseline_value = baseline_cell ? NumberAt(*baseline_cell, pointer) : std::nullopt;
    if (policy.min) {
      Add(outcome, policy, adapter, CheckKind::kMetric, ">=", *policy.min, value, baseline_value);
    }
    if (policy.max) {
      Add(outcome, policy, adapter, CheckKind::kMetric, "<=", *policy.max, value, baseline_value);
    }
    if (!policy.max_drop) {
      return;
    }
    if (baseline_cell == nullptr || !baseline_value) {
      Fail(policy, "max_drop",
           fmt::format("the baseline ({}) has no {} for {}/{}", baseline_.source, metric, adapter, policy.suite));
    }
    const bool higher_is_better = info->value("higher_is_better", true);
    // The drop is how much worse the current figure is, in the metric's units.
    const std::optional<double> drop =
        value ? std::optional<double>(higher_is_better ? *baseline_value - *value : *value - *baseline_value)
              : std::nullopt;
    auto& check = Add(outcome, policy, adapter, CheckKind::kMetricDrop, "<=", *policy.max_drop, drop, std::nullopt);
    check.baseline = baseline_value;
    if (!policy.significance) {
      return;
    }
    if (!baseline_.results_path || !current_.results_path) {
      Fail(policy, "significance",
           fmt::format("the paired test needs run folders with results.jsonl, not a lone summary.json ({})",
                       !baseline_.results_path ? baseline_.source : current_.source));
    }
    const auto baseline_samples = SampleValues(*baseline_.results_path, adapter, policy.suite, metric);
    const auto current_samples = SampleValues(*current_.results_path, adapter, policy.suite, metric);
    std::vector<double> differences;
    for (const auto& [sample, before] : baseline_samples) {
      const auto after = current_samples.find(sample);
      if (after != current_samples.end()) {
        differences.push_back(higher_is_better ? before - after->second : after->second - before);
      }
    }
    const auto test = stats::PairedSignFlipTest(differences, *policy.max_drop, gate_.seed);
    check.p_value = test.p_value;
    check.significance = policy.significance;
    // A drop beyond the margin fails only when the paired test says it is real.
    if (!check.passed && test.p_value >= *policy.significance) {
      check.passed = true;
    }
  }

  CheckResult& Add(GateOutcome& outcome, const Policy& policy, const std::string& adapter, CheckKind kind,
                   const std::string& comparison, double threshold, std::optional<double> value,
                   std::optional<double> baseline) const {
    CheckResult check;
    check.suite = policy.suite;
    check.adapter = adapter;
    check.kind = kind;
    check.metric = policy.metric.value_or("");
    check.figure = EnglishFigure(kind, check.metric);
    check.comparison = comparison;
    check.threshold = threshold;
    check.value = value;
    check.baseline = baseline;
    check.policy_line = policy.line;
    check.passed = value && (comparison == ">=" ? *value >= threshold - kTolerance : *value <= threshold + kTolerance);
    outcome.checks.push_back(std::move(check));
    return outcome.checks.back();
  }

  const GatePolicy& gate_;
  const GateRun& baseline_;
  const GateRun& current_;
};

std::vector<std::string> IncompleteReasons(const GateRun& current) {
  std::vector<std::string> reasons;
  const auto& run = current.summary.at("run");
  const auto& totals = current.summary.value("totals", nlohmann::json::object());
  const auto status = run.value("status", "");
  if (status != "complete") {
    reasons.push_back(fmt::format("run status is '{}': {} of {} results recorded", status, totals.value("recorded", 0),
                                  totals.value("expected", 0)));
  }
  if (!totals.value("within_tolerance", true)) {
    reasons.push_back(fmt::format("{} of {} requests failed ({:.1f}%), above the plan's max_error_rate ({:.1f}%)",
                                  totals.value("failed", 0), totals.value("recorded", 0),
                                  100 * totals.value("error_rate", 0.0), 100 * totals.value("max_error_rate", 0.0)));
  }
  return reasons;
}

}  // namespace

std::string CheckResult::Name() const { return fmt::format("{}/{}: {} {} {}", suite, adapter, figure, comparison, threshold); }

std::size_t GateOutcome::failed() const {
  return static_cast<std::size_t>(std::count_if(checks.begin(), checks.end(), [](const auto& check) { return !check.passed; }));
}

Verdict GateOutcome::verdict() const {
  if (!incomplete.empty()) {
    return Verdict::kIncomplete;
  }
  return failed() > 0 ? Verdict::kRegression : Verdict::kPass;
}

GateOutcome EvaluateGate(const GatePolicy& policy, const GateRun& baseline, const GateRun& current) {
  if (baseline.summary.at("run").value("status", "") != "complete") {
    throw GateInputError(fmt::format("{}: the baseline is not a complete run (status '{}')", baseline.source,
                                     baseline.summary.at("run").value("status", "")));
  }
  GateOutcome outcome;
  outcome.baseline_source = baseline.source;
  outcome.current_source = current.source;
  outcome.incomplete = IncompleteReasons(current);
  const Evaluator evaluator(policy, baseline, current);
  for (const auto& entry : policy.policies) {
    evaluator.Evaluate(entry, outcome);
  }
  return outcome;
}

}  // namespace etalon::gate
