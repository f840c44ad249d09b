#include "support/floor_run_folder.hpp"

namespace etalon::testing {

FloorRunFolder::FloorRunFolder() {
  summary_ = {{"schema", 1},
              {"run", {{"plan", "floor"}, {"seed", 20261128}, {"status", "complete"}}},
              {"plan", {{"resolved", {{"adapters", nlohmann::json::array()}}}}},
              {"suites", nlohmann::json::array()},
              {"results", nlohmann::json::array()}};
  record_ = {{"components", {{"suites", nlohmann::json::object()}}}};
}

FloorRunFolder& FloorRunFolder::Suite(const std::string& id, const std::string& metric, bool higher_is_better) {
  summary_["suites"].push_back(
      {{"id", id},
       {"dataset", {{"sha256", "abc"}}},
       {"metrics", {{{"name", metric}, {"higher_is_better", higher_is_better}, {"aggregation", "mean"}}}}});
  record_["components"]["suites"][id] = {{"id", id}, {"metrics", {metric}}};
  return *this;
}

FloorRunFolder& FloorRunFolder::Adapter(const std::string& id, const std::string& kind, const std::string& preset,
                                        const nlohmann::json& baseline) {
  nlohmann::ordered_json adapter = {{"id", id}, {"kind", kind}, {"preset", preset}};
  if (!baseline.is_null()) {
    adapter["baseline"] = baseline;
  }
  summary_["plan"]["resolved"]["adapters"].push_back(adapter);
  return *this;
}

FloorRunFolder& FloorRunFolder::Cell(const std::string& adapter, const std::string& suite, const std::string& metric,
                                     double value, const nlohmann::json& extra) {
  nlohmann::ordered_json cell = {{"adapter", adapter}, {"suite", suite}, {"metrics", {{metric, {{"value", value}}}}}};
  for (const auto& [key, figure] : extra.items()) {
    cell[key] = figure;
  }
  summary_["results"].push_back(cell);
  return *this;
}

FloorRunFolder& FloorRunFolder::Scores(const std::string& adapter, const std::string& suite, const std::string& metric,
                                       const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const nlohmann::json line = {{"adapter", adapter}, {"suite", suite},          {"sample", "s" + std::to_string(i)},
                                 {"repeat", 0},        {"error", nullptr},        {"scores", {{metric, {{"value", values[i]}}}}}};
    results_ += line.dump() + "\n";
  }
  return *this;
}

std::string FloorRunFolder::WriteTo(const TempDir& dir, const std::string& folder) const {
  dir.Write(folder + "/summary.json", summary_.dump(2));
  dir.Write(folder + "/run.json", record_.dump());
  dir.Write(folder + "/results.jsonl", results_);
  return dir.Path(folder);
}

nlohmann::json CostJson(double per_request_eur, const std::string& basis, bool usage_estimated) {
  return {{"basis", basis}, {"per_request_eur", per_request_eur}, {"usage_estimated", usage_estimated}};
}

nlohmann::json EnergyPart(double wh, int requests, const std::string& method) {
  return {{"requests", requests}, {"joules", wh * 3600}, {"wh", wh}, {"methods", {method}}};
}

nlohmann::json EstimatedEnergyPart(double wh, double low_wh, double high_wh, int requests) {
  auto part = EnergyPart(wh, requests, "cpu-time-estimate");
  part["low_joules"] = low_wh * 3600;
  part["high_joules"] = high_wh * 3600;
  return part;
}

}  // namespace etalon::testing
