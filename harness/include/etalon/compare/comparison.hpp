// `etalon compare`'s engine: offers (a run's adapter) compared pairwise on
// the samples they share, suite by suite and metric by metric, and the
// Pareto fronts of quality against cost, energy and latency. Reads run
// folders only (summary.json, run.json, results.jsonl streamed); writes
// nothing. Methods in docs/statistics.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etalon/compare/compare_run.hpp"
#include "etalon/stats/paired_comparison.hpp"

namespace etalon::compare {

struct CompareSettings {
  std::uint64_t seed = 0;  // each comparison derives its own seed from it and its names
  std::size_t resamples = 2000;
  std::size_t permutations = 10'000;
  double level = 0.95;
  stats::DetectionSettings detection;  // alpha 5% two-sided, power 80%
};

// A run's adapter. Named by its adapter id, prefixed by its run folder's
// name (or, when two folders share a name, the run as given) only when
// another run has an adapter of the same id.
struct Offer {
  std::string name;
  std::size_t run = 0;  // index into the runs given
  std::string adapter;
};

// Two offers on one metric of one suite, joined by (sample id, repeat).
struct MetricComparison {
  std::string suite;
  std::string metric;
  bool corpus = false;
  bool higher_is_better = true;
  std::size_t first = 0;  // offer indices; the difference is first - second
  std::size_t second = 0;
  std::size_t first_only = 0;   // samples scored for the first offer but not the second
  std::size_t second_only = 0;  // and the other way
  // Null when the offers share no scored sample, or a corpus figure of a
  // resample is not finite (`unavailable` says which).
  std::optional<stats::PairedComparison> result;
  std::string unavailable;
  std::optional<double> holm_p_value;  // over every comparison with a result
};

enum class ParetoAxis { kCostPerRequest, kEnergyPerRequest, kLatencyP50 };

// "cost_per_request_eur", "energy_per_request_j", "latency_p50_ms".
std::string ParetoAxisName(ParetoAxis axis);

struct ParetoPoint {
  std::size_t offer = 0;
  double quality = 0;
  double expense = 0;  // the axis' figure
  bool on_front = false;
};

struct SuiteParetoFront {
  std::string suite;
  std::string metric;  // the suite's first metric
  bool higher_is_better = true;
  ParetoAxis axis = ParetoAxis::kCostPerRequest;
  std::vector<ParetoPoint> points;
  std::vector<std::size_t> not_placed;  // offers of the suite lacking the quality or the figure
};

struct Comparison {
  CompareSettings settings;
  std::vector<std::string> sources;  // the runs as given
  std::vector<Offer> offers;
  std::vector<MetricComparison> comparisons;
  std::vector<SuiteParetoFront> fronts;
};

// The offer found better after Holm's adjustment at `alpha` (the direction
// taken from the metric), or std::nullopt when the two are not separated.
std::optional<std::size_t> BetterOffer(const MetricComparison& comparison, double alpha);

// Throws CompareInputError for runs that cannot be compared: fewer than two
// offers, one folder given twice, a suite whose dataset differs between
// runs, a results line that is not a result (file and line named).
Comparison CompareRuns(const std::vector<CompareRun>& runs, const CompareSettings& settings);

}  // namespace etalon::compare
