// The cost and carbon side of one (adapter, suite) cell of the summary:
// what the cell cost (from each result's catalog price, or from a stated
// server price times measured wall time for self-hosted models), per
// request, per correct answer and per year, and the EcoLogits carbon
// estimates with their ranges. Figures keep their basis and assumptions, and
// a cell with nothing priced says null, never zero.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/summary/summary_record.hpp"

namespace etalon::summary {

struct CostContext {
  std::size_t succeeded = 0;
  double span_s = 0;                              // the cell's wall time (throughput.span_s)
  std::optional<double> server_eur_per_hour;      // the plan's, for self-hosted models
  std::optional<double> yearly_requests;          // the plan's volume for this suite
  std::optional<std::size_t> correct;             // samples meeting the suite's pass rule; unset without one
};

class CostFigures {
 public:
  // A succeeded record's `cost` and `carbon` (either may be null or absent).
  void Add(const SummaryRecord& record);

  nlohmann::ordered_json CostJson(const CostContext& context) const;
  nlohmann::ordered_json CarbonJson(const CostContext& context) const;

 private:
  // Values are kept and summed at the end in an order-free way, so a merged
  // or reordered journal gives the same figures to the last bit.
  std::vector<double> eur_;
  bool usage_estimated_ = false;
  std::set<std::string> price_dates_;
  std::vector<double> kgco2eq_;
  std::vector<double> low_kgco2eq_;
  std::vector<double> high_kgco2eq_;
  std::vector<double> usage_kgco2eq_;
  std::vector<double> embodied_kgco2eq_;
  std::vector<double> primary_energy_mj_;
  std::vector<double> water_l_;
  std::set<std::string> methods_;
  std::set<std::string> zones_;
  std::set<std::string> assumptions_;
};

}  // namespace etalon::summary
