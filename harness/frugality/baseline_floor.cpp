#include "etalon/frugality/baseline_floor.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "etalon/compare/comparison.hpp"
#include "etalon/frugality/classical_baseline.hpp"
#include "etalon/stats/holm.hpp"

namespace etalon::frugality {

namespace {

using Json = nlohmann::json;

constexpr double kPerThousand = 1000;  // per 1,000 EUR; and Wh -> kWh
constexpr double kJoulesPerWh = 3600;

// A cell's spend per request: EUR from results[].cost, Wh from results[].energy.
struct Spend {
  double per_request = 0;
  bool estimated = true;
  std::string basis;
  // An estimate's bounds per request, when it has them (energy estimates do).
  std::optional<double> low_per_request;
  std::optional<double> high_per_request;
};

// True when both spends are estimates whose ranges overlap: which of the two
// spends more is then unknown, and a ratio to their difference would mean
// nothing (two builtins' CPU-time estimates differ by nanowatt-hours).
bool WithinUncertainty(const Spend& adapter, const Spend& floor) {
  return adapter.low_per_request && adapter.high_per_request && floor.low_per_request && floor.high_per_request &&
         *adapter.low_per_request <= *floor.high_per_request && *floor.low_per_request <= *adapter.high_per_request;
}

std::optional<double> NumberAt(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) {
    return std::nullopt;
  }
  return found->get<double>();
}

std::optional<Spend> CostOf(const Json& cell) {
  const auto cost = cell.find("cost");
  if (cost == cell.end() || !cost->is_object()) {
    return std::nullopt;
  }
  const auto per_request = NumberAt(*cost, "per_request_eur");
  if (!per_request) {
    return std::nullopt;
  }
  const auto estimated = cost->find("usage_estimated");
  const auto basis = cost->find("basis");
  return Spend{*per_request, estimated != cost->end() && estimated->is_boolean() && estimated->get<bool>(),
               basis != cost->end() && basis->is_string() ? basis->get<std::string>() : "", std::nullopt,
               std::nullopt};
}

// Measured energy when the cell has it, else the estimate: the two are never added.
std::optional<Spend> EnergyOf(const Json& cell) {
  const auto energy = cell.find("energy");
  if (energy == cell.end() || !energy->is_object()) {
    return std::nullopt;
  }
  for (const auto* part : {"measured", "estimated"}) {
    const auto figures = energy->find(part);
    if (figures == energy->end() || !figures->is_object()) {
      continue;
    }
    const auto wh = NumberAt(*figures, "wh");
    const auto requests = NumberAt(*figures, "requests");
    if (!wh || !requests || *requests <= 0) {
      continue;
    }
    std::string methods;
    if (const auto list = figures->find("methods"); list != figures->end() && list->is_array()) {
      for (const auto& method : *list) {
        if (method.is_string()) {
          methods += (methods.empty() ? "" : ", ") + method.get<std::string>();
        }
      }
    }
    Spend spend{*wh / *requests, std::string(part) == "estimated", methods, std::nullopt, std::nullopt};
    const auto low = NumberAt(*figures, "low_joules");
    const auto high = NumberAt(*figures, "high_joules");
    if (low && high) {
      spend.low_per_request = *low / kJoulesPerWh / *requests;
      spend.high_per_request = *high / kJoulesPerWh / *requests;
    }
    return spend;
  }
  return std::nullopt;
}

ValuePerSpend ValueOf(const FloorRow& row, const std::optional<Spend>& adapter, const std::optional<Spend>& floor) {
  ValuePerSpend value;
  if (!row.gain) {
    return value;
  }
  if (!adapter || !floor) {
    value.state = ValuePerSpend::State::kUnpriced;
    value.missing = adapter ? ValuePerSpend::Missing::kFloor : ValuePerSpend::Missing::kAdapter;
    return value;
  }
  value.extra_per_request = adapter->per_request - floor->per_request;
  value.estimated = adapter->estimated || floor->estimated;
  value.basis = adapter->basis == floor->basis ? adapter->basis : adapter->basis + " / " + floor->basis;
  if (WithinUncertainty(*adapter, *floor)) {
    value.state = ValuePerSpend::State::kWithinUncertainty;
  } else if (value.extra_per_request > 0) {
    value.state = ValuePerSpend::State::kValue;
    value.value = *row.gain * kPerThousand / value.extra_per_request;
    value.low = row.interval.low * kPerThousand / value.extra_per_request;
    value.high = row.interval.high * kPerThousand / value.extra_per_request;
  } else {
    value.state = *row.gain > 0 ? ValuePerSpend::State::kDominant : ValuePerSpend::State::kNotBetter;
  }
  return value;
}

std::map<std::string, bool> BaselineFlags(const Json& summary) {
  std::map<std::string, bool> flags;
  const auto pointer = "/plan/resolved/adapters"_json_pointer;
  if (!summary.contains(pointer) || !summary.at(pointer).is_array()) {
    return flags;
  }
  for (const auto& adapter : summary.at(pointer)) {
    if (!adapter.is_object() || !adapter.contains("id") || !adapter.at("id").is_string()) {
      continue;
    }
    std::optional<bool> declared;
    if (const auto flag = adapter.find("baseline"); flag != adapter.end() && flag->is_boolean()) {
      declared = flag->get<bool>();
    }
    flags[adapter.at("id").get<std::string>()] =
        IsClassicalBaseline(adapter.value("kind", std::string()), adapter.value("preset", std::string()), declared);
  }
  return flags;
}

std::vector<const Json*> CellsOf(const Json& summary, const std::string& suite) {
  std::vector<const Json*> cells;
  for (const auto& cell : summary.at("results")) {
    if (cell.at("suite") == suite) {
      cells.push_back(&cell);
    }
  }
  return cells;
}

std::optional<double> MetricValue(const Json& cell, const std::string& metric) {
  const auto& metrics = cell.at("metrics");
  const auto figure = metrics.find(metric);
  if (figure == metrics.end() || !figure->is_object()) {
    return std::nullopt;
  }
  return NumberAt(*figure, "value");
}

// The suite's floor: the baseline with the best first-metric value; the
// first in summary order among equals.
void ChooseFloor(const std::vector<const Json*>& cells, const std::map<std::string, bool>& baseline,
                 SuiteFloor& suite) {
  for (const auto* cell : cells) {
    const auto adapter = cell->at("adapter").get<std::string>();
    const auto flag = baseline.find(adapter);
    const auto value = MetricValue(*cell, suite.metric);
    if (flag == baseline.end() || !flag->second || !value) {
      continue;
    }
    const bool better = !suite.floor_value ||
                        (suite.higher_is_better ? *value > *suite.floor_value : *value < *suite.floor_value);
    if (better) {
      suite.floor = adapter;
      suite.floor_value = value;
    }
  }
}

// The run reduced to the suites that have a floor and another adapter, each
// with its first metric alone, so the comparison computes only what the
// section shows.
compare::CompareRun Reduced(const compare::CompareRun& run, const std::vector<SuiteFloor>& suites) {
  std::set<std::string> kept;
  for (const auto& suite : suites) {
    if (suite.floor && !suite.rows.empty()) {
      kept.insert(suite.suite);
    }
  }
  compare::CompareRun reduced = run;
  auto& summary = reduced.summary;
  Json suite_list = Json::array();
  for (const auto& suite : summary.at("suites")) {
    if (kept.count(suite.at("id").get<std::string>()) > 0) {
      auto first = suite;
      first["metrics"] = Json::array({suite.at("metrics").front()});
      suite_list.push_back(std::move(first));
    }
  }
  Json results = Json::array();
  for (const auto& cell : summary.at("results")) {
    if (kept.count(cell.at("suite").get<std::string>()) > 0) {
      results.push_back(cell);
    }
  }
  summary["suites"] = std::move(suite_list);
  summary["results"] = std::move(results);
  return reduced;
}

const compare::MetricComparison* Find(const compare::Comparison& comparison, const SuiteFloor& suite,
                                      const std::string& adapter) {
  for (const auto& entry : comparison.comparisons) {
    const auto& first = comparison.offers[entry.first].adapter;
    const auto& second = comparison.offers[entry.second].adapter;
    if (entry.suite == suite.suite && entry.metric == suite.metric &&
        ((first == adapter && second == *suite.floor) || (first == *suite.floor && second == adapter))) {
      return &entry;
    }
  }
  return nullptr;
}

// The row's gain from the comparison: the engine's difference is first −
// second; turned into adapter − floor, then oriented so positive is better.
void SetGain(const compare::MetricComparison& entry, const compare::Comparison& comparison, bool higher_is_better,
             FloorRow& row) {
  row.pairs = entry.result ? entry.result->pairs : 0;
  if (!entry.result) {
    row.unavailable = entry.unavailable;
    return;
  }
  const bool adapter_first = comparison.offers[entry.first].adapter == row.adapter;
  const double sign = (adapter_first ? 1.0 : -1.0) * (higher_is_better ? 1.0 : -1.0);
  row.gain = sign * entry.result->difference;
  const double a = sign * entry.result->interval.low;
  const double b = sign * entry.result->interval.high;
  row.interval = {std::min(a, b), std::max(a, b)};
  row.p_value = entry.result->p_value;
  row.test = stats::PairedTestName(entry.result->test);
}

}  // namespace

BaselineFloors ComputeBaselineFloors(const std::string& run_folder, const nlohmann::json& summary_json) {
  const auto run = compare::LoadCompareRun(run_folder, summary_json);
  const auto& summary = run.summary;
  const auto baseline = BaselineFlags(summary);
  BaselineFloors floors;
  std::map<std::string, std::vector<const Json*>> cells_of;
  for (const auto& suite_json : summary.at("suites")) {
    SuiteFloor suite;
    suite.suite = suite_json.at("id").get<std::string>();
    if (suite_json.at("metrics").empty()) {
      continue;
    }
    const auto& metric = suite_json.at("metrics").front();
    suite.metric = metric.at("name").get<std::string>();
    suite.higher_is_better = metric.at("higher_is_better").get<bool>();
    const auto cells = CellsOf(summary, suite.suite);
    ChooseFloor(cells, baseline, suite);
    if (suite.floor) {
      for (const auto* cell : cells) {
        const auto adapter = cell->at("adapter").get<std::string>();
        if (adapter != *suite.floor) {
          const auto flag = baseline.find(adapter);
          FloorRow row;
          row.adapter = adapter;
          row.baseline = flag != baseline.end() && flag->second;
          suite.rows.push_back(std::move(row));
        }
      }
    }
    cells_of[suite.suite] = cells;
    floors.suites.push_back(std::move(suite));
  }

  const bool any_row = std::any_of(floors.suites.begin(), floors.suites.end(),
                                   [](const SuiteFloor& suite) { return !suite.rows.empty(); });
  if (!any_row) {
    return floors;
  }
  compare::CompareSettings settings;
  if (const auto seed = "/run/seed"_json_pointer; summary.contains(seed) && summary.at(seed).is_number_integer()) {
    settings.seed = summary.at(seed).get<std::uint64_t>();
  }
  const auto comparison = compare::CompareRuns({Reduced(run, floors.suites)}, settings);

  std::vector<FloorRow*> compared;
  for (auto& suite : floors.suites) {
    const auto& cells = cells_of[suite.suite];
    const auto cell_of = [&](const std::string& adapter) -> const Json& {
      return **std::find_if(cells.begin(), cells.end(),
                            [&](const Json* cell) { return cell->at("adapter") == adapter; });
    };
    for (auto& row : suite.rows) {
      if (const auto* entry = Find(comparison, suite, row.adapter)) {
        SetGain(*entry, comparison, suite.higher_is_better, row);
      } else {
        row.unavailable = "no common scored sample";
      }
      if (row.gain) {
        compared.push_back(&row);
      }
      const auto& cell = cell_of(row.adapter);
      const auto& floor_cell = cell_of(*suite.floor);
      row.per_thousand_eur = ValueOf(row, CostOf(cell), CostOf(floor_cell));
      row.per_kwh = ValueOf(row, EnergyOf(cell), EnergyOf(floor_cell));
    }
  }
  std::vector<double> p_values;
  for (const auto* row : compared) {
    p_values.push_back(row->p_value);
  }
  const auto adjusted = stats::HolmAdjusted(p_values);
  for (std::size_t i = 0; i < compared.size(); ++i) {
    auto& row = *compared[i];
    row.holm_p_value = adjusted[i];
    row.significant = row.holm_p_value < floors.alpha && (row.interval.low > 0 || row.interval.high < 0);
  }
  return floors;
}

}  // namespace etalon::frugality
