// The criteria file of `etalon award` (docs/award.md): a tree of weighted
// criteria as a French buyer writes them in a règlement de consultation,
// the scoring formula of each leaf, the eliminatory requirements, facts the
// offers declared, and the settings of the sensitivity analysis. Loaded with
// every problem located (file:line, field), as plans and suites are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/diagnostic.hpp"

namespace etalon::award {

// What a leaf criterion reads from a run's summary.json, per (adapter, suite).
enum class MeasureKind {
  kMetric,            // results[].metrics.METRIC.value; direction from the suite's higher_is_better
  kYearlyPrice,       // results[].cost.per_year_eur, summed over the suites (EUR a year)
  kEnergyPerRequest,  // results[].energy: joules / requests, measured when present, else estimated (Wh)
  kCarbonPerRequest,  // results[].carbon.per_request_kgco2eq
  kCarbonPerYear,     // results[].carbon.per_year_kgco2eq.value, summed over the suites
  kP90Latency,        // results[].latency_ms.end_to_end.p90 (ms)
  kErrorRate,         // results[].error_rate
};

struct Measure {
  MeasureKind kind = MeasureKind::kMetric;
  std::vector<std::string> suites;  // one suite, except yearly figures, which are summed over several
  std::string metric;               // kMetric only
};

enum class Formula {
  kLowestOverCandidate,  // points x lowest / candidate (price); lower-is-better measures only
  kRelativeToBest,       // points x candidate / best (best / candidate when lower is better)
  kLinear,               // 0 at the worse threshold, full points at the better one, linear between
};

struct Criterion {
  std::string label;  // as the buyer wrote it (French)
  double weight = 0;  // points; children's weights sum to it
  std::size_t line = 0;
  std::vector<Criterion> children;  // empty: a leaf, scored by `measure` and `formula`
  Measure measure;
  Formula formula = Formula::kRelativeToBest;
  double floor = 0;    // kLinear: the lower threshold, in the measure's unit
  double ceiling = 0;  // kLinear: the upper threshold (> floor)
};

struct ScoreRequirement {
  std::string suite;
  std::string metric;
  std::optional<double> min;
  std::optional<double> max;
  std::size_t line = 0;
};

// Eliminatory requirements: an offer failing one is out, with the reason.
struct Requirements {
  bool eu_hosting = false;                          // true: hosting in the EU required
  std::optional<std::vector<std::string>> licences;  // allowed licences (compared case-insensitively)
  std::vector<ScoreRequirement> scores;
  std::optional<double> max_error_rate;              // on every suite the criteria name
};

// What an offer declared in its answer (mémoire technique, bordereau de
// prix): it overrides the catalog and the measured price, and says so.
struct DeclaredOffer {
  std::string adapter;  // the adapter id in the runs
  std::string name;     // display name; empty: the adapter id
  std::optional<bool> eu_hosting;
  std::optional<std::string> licence;
  std::optional<double> yearly_price_eur;
  std::size_t line = 0;
};

inline constexpr double kDefaultConcentration = 100;
inline constexpr std::size_t kDefaultSamples = 10000;
inline constexpr std::uint64_t kDefaultAwardSeed = 20261128;

struct SensitivitySettings {
  double concentration = kDefaultConcentration;  // Dirichlet: alpha_i = concentration x weight_i / total
  std::size_t samples = kDefaultSamples;
  std::uint64_t seed = kDefaultAwardSeed;
};

struct AwardCriteria {
  std::string path;
  std::string title;
  double total_points = 100;
  std::vector<Criterion> criteria;
  Requirements requirements;
  std::vector<DeclaredOffer> offers;  // empty: every adapter of the runs competes
  SensitivitySettings sensitivity;
};

// std::nullopt when anything is wrong; every problem is in `diagnostics`.
std::optional<AwardCriteria> LoadAwardCriteria(const std::string& path, core::Diagnostics& diagnostics);

// Name of a measure kind or formula as written in the file.
const char* MeasureKindName(MeasureKind kind);
const char* FormulaName(Formula formula);

}  // namespace etalon::award
