// Running totals of what a run has spent (EUR from result costs, kWh from
// per-request energy figures), checked against the plan's budget after each
// result so the run can stop cleanly, and resume later, once it crosses it.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"

namespace etalon::meters {

class SpendTracker {
 public:
  explicit SpendTracker(config::Budget budget);

  // Adds one results.jsonl record's `cost.eur` and `energy.joules` (when present).
  void Add(const nlohmann::ordered_json& record);
  // The same for a result before it is written: its cost (RequestCosting::Cost, or null) and energy.
  void AddResult(const nlohmann::ordered_json& cost, std::optional<double> joules);
  // Adds every record of a journal written by earlier attempts of the run.
  void AddJournal(const std::string& journal_path);
  // Adds spending outside the journal (the model probes asked before the suites).
  void AddSpend(double eur, double kwh);

  // Why spending crossed the budget, or std::nullopt while within it.
  std::optional<std::string> Exceeded() const;

 private:
  config::Budget budget_;
  mutable std::mutex mutex_;
  double eur_ = 0;
  double kwh_ = 0;
};

}  // namespace etalon::meters
