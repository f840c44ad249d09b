// Per-sample scores of offers, read from their runs' results.jsonl in one
// streaming pass per run: for each (offer, suite, metric), the value (means)
// or sufficient statistics (corpus metrics) of every scored (sample, repeat).
// Failed requests and unscored samples are left out, so they count as
// missing from that offer when two offers are joined.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "etalon/compare/compare_run.hpp"

namespace etalon::compare {

using UnitKey = std::pair<std::string, int>;  // sample id, repeat

struct ScoreTable {
  std::map<UnitKey, double> values;                     // mean metrics
  std::map<UnitKey, std::vector<double>> statistics;    // corpus metrics
};

// (offer index, suite, metric)
using ScoreKey = std::tuple<std::size_t, std::string, std::string>;

// What to read from one run: its adapter id -> offer index, and for each
// suite the metrics wanted with whether each is a corpus metric.
struct ScoreRequest {
  std::map<std::string, std::size_t> offer_of_adapter;
  std::map<std::string, std::vector<std::pair<std::string, bool>>> metrics_of_suite;
};

// Adds the run's scores to `tables`. Throws CompareInputError naming the
// file and line of a line that is not a result.
void ReadOfferScores(const CompareRun& run, const ScoreRequest& request, std::map<ScoreKey, ScoreTable>& tables);

}  // namespace etalon::compare
