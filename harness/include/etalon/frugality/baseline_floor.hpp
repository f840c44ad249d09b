// The classical floor of each suite of a run and what every other adapter
// adds over it, per 1,000 EUR and per kWh (docs/frugality.md): before buying
// a large model, show that a simple method does not already do the job.
// Pure computation from a finished run folder (summary.json, run.json,
// results.jsonl through harness/compare); the reports only format it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/stats/bootstrap.hpp"

namespace etalon::frugality {

// A figure per unit of extra spend: gain × 1,000 / extra EUR per request
// (gain per 1,000 EUR), or gain × 1,000 / extra Wh per request (gain per kWh).
struct ValuePerSpend {
  enum class State {
    kValue,        // extra spend > 0: value, low and high are set
    kDominant,     // extra spend <= 0 and a positive gain: better and no dearer
    kNotBetter,    // extra spend <= 0 and no positive gain: nothing bought
    kUnpriced,     // a figure is missing: `reason` says which
    kNoGain,       // the gain itself could not be computed
    kWithinUncertainty,  // both spends are estimates whose ranges overlap: no difference to divide by
  };
  State state = State::kNoGain;
  double value = 0;
  double low = 0;
  double high = 0;
  double extra_per_request = 0;  // EUR or Wh over the floor's (kValue, kDominant, kNotBetter, kWithinUncertainty)
  bool estimated = true;         // true when any figure behind it is an estimate
  std::string basis;             // cost: "token-prices" / "server-time"; energy: the methods
  enum class Missing { kNone, kAdapter, kFloor };
  Missing missing = Missing::kNone;  // kUnpriced: whose figure is missing
};

// One adapter of a suite against the suite's floor, on the suite's first
// metric, paired on the (sample, repeat) both scored.
struct FloorRow {
  std::string adapter;
  bool baseline = false;
  std::size_t pairs = 0;
  // Oriented so that positive is better (adapter − floor when higher is
  // better, floor − adapter otherwise), with its interval.
  std::optional<double> gain;
  stats::Interval interval{0, 0};
  double p_value = 1;
  double holm_p_value = 1;  // over every row of the run that has a gain
  std::string test;         // stats::PairedTestName
  bool significant = false; // Holm p < 0.05 and the interval excludes 0
  std::string unavailable;  // why there is no gain
  ValuePerSpend per_thousand_eur;
  ValuePerSpend per_kwh;
};

struct SuiteFloor {
  std::string suite;
  std::string metric;  // the suite's first metric
  bool higher_is_better = true;
  std::optional<std::string> floor;  // the best classical baseline; none when the run has none scored
  std::optional<double> floor_value;
  std::vector<FloorRow> rows;  // every other adapter of the suite, in summary order
};

struct BaselineFloors {
  double alpha = 0.05;
  std::vector<SuiteFloor> suites;  // in summary order
};

// `summary` is the run's summary.json (given, as a run's reports are written
// before that file); run.json and results.jsonl are read from `run_folder`.
// Throws compare::CompareInputError naming the file and field when they
// cannot be read.
BaselineFloors ComputeBaselineFloors(const std::string& run_folder, const nlohmann::json& summary);

}  // namespace etalon::frugality
