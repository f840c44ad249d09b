// A finished run folder written by hand (summary.json, run.json,
// results.jsonl) for the classical-floor tests: each figure the floor
// section shows is then known by hand.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"

namespace etalon::testing {

class FloorRunFolder {
 public:
  FloorRunFolder();

  // A suite with one mean metric.
  FloorRunFolder& Suite(const std::string& id, const std::string& metric, bool higher_is_better);
  // A plan adapter as summary.json's plan.resolved lists it; `baseline`
  // null leaves the field out, as older summaries do.
  FloorRunFolder& Adapter(const std::string& id, const std::string& kind, const std::string& preset = "",
                          const nlohmann::json& baseline = nullptr);
  // A summary cell; `extra` holds cost and energy objects.
  FloorRunFolder& Cell(const std::string& adapter, const std::string& suite, const std::string& metric, double value,
                       const nlohmann::json& extra = nlohmann::json::object());
  // One result line per value, samples s0, s1, ...
  FloorRunFolder& Scores(const std::string& adapter, const std::string& suite, const std::string& metric,
                         const std::vector<double>& values);

  // Writes the folder under `dir` and returns its path.
  std::string WriteTo(const TempDir& dir, const std::string& folder) const;

 private:
  nlohmann::ordered_json summary_;
  nlohmann::json record_;
  std::string results_;
};

// A cell's cost (results[].cost) and energy (results[].energy) objects.
nlohmann::json CostJson(double per_request_eur, const std::string& basis, bool usage_estimated = false);
nlohmann::json EnergyPart(double wh, int requests, const std::string& method);
// An estimate's part with its bounds, in Wh for the whole cell.
nlohmann::json EstimatedEnergyPart(double wh, double low_wh, double high_wh, int requests);

}  // namespace etalon::testing
