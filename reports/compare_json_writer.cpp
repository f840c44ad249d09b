#include <nlohmann/json.hpp>

#include "etalon/reports/compare_report.hpp"

namespace etalon::reports {

namespace {

constexpr int kCompareSchemaVersion = 1;

nlohmann::ordered_json Optional(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json ComparisonJson(const compare::Comparison& comparison, const compare::MetricComparison& entry) {
  const auto& offers = comparison.offers;
  nlohmann::ordered_json json;
  json["suite"] = entry.suite;
  json["metric"] = entry.metric;
  json["aggregation"] = entry.corpus ? "corpus" : "mean";
  json["higher_is_better"] = entry.higher_is_better;
  json["first"] = offers[entry.first].name;
  json["second"] = offers[entry.second].name;
  json["n_common"] = entry.result ? entry.result->pairs : 0;
  json["first_only"] = entry.first_only;
  json["second_only"] = entry.second_only;
  if (!entry.result) {
    json["unavailable"] = entry.unavailable;
    return json;
  }
  const auto& result = *entry.result;
  json["first_value"] = result.first;
  json["second_value"] = result.second;
  json["difference"] = result.difference;
  json["ci"] = {{"level", comparison.settings.level},
                {"low", result.interval.low},
                {"high", result.interval.high},
                {"method", "bca-bootstrap"},
                {"resamples", comparison.settings.resamples}};
  json["test"] = stats::PairedTestName(result.test);
  json["p_value"] = result.p_value;
  json["p_holm"] = Optional(entry.holm_p_value);
  json["mdd"] = Optional(result.detectable_difference);
  const auto better = compare::BetterOffer(entry, comparison.settings.detection.alpha);
  json["better"] = better ? nlohmann::ordered_json(offers[*better].name) : nlohmann::ordered_json(nullptr);
  return json;
}

nlohmann::ordered_json FrontJson(const compare::Comparison& comparison, const compare::SuiteParetoFront& front) {
  nlohmann::ordered_json json;
  json["suite"] = front.suite;
  json["quality"] = front.metric;
  json["higher_is_better"] = front.higher_is_better;
  json["axis"] = compare::ParetoAxisName(front.axis);
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  nlohmann::ordered_json on_front = nlohmann::ordered_json::array();
  for (const auto& point : front.points) {
    points.push_back({{"offer", comparison.offers[point.offer].name},
                      {"quality", point.quality},
                      {"value", point.expense},
                      {"on_front", point.on_front}});
    if (point.on_front) {
      on_front.push_back(comparison.offers[point.offer].name);
    }
  }
  json["points"] = std::move(points);
  json["front"] = std::move(on_front);
  nlohmann::ordered_json not_placed = nlohmann::ordered_json::array();
  for (const auto offer : front.not_placed) {
    not_placed.push_back(comparison.offers[offer].name);
  }
  json["not_placed"] = std::move(not_placed);
  return json;
}

}  // namespace

void CompareJsonWriter::Write(const compare::Comparison& comparison, std::ostream& out) const {
  const auto& settings = comparison.settings;
  nlohmann::ordered_json json;
  json["schema"] = kCompareSchemaVersion;
  json["settings"] = {{"seed", settings.seed},
                      {"level", settings.level},
                      {"resamples", settings.resamples},
                      {"permutations", settings.permutations},
                      {"alpha", settings.detection.alpha},
                      {"power", settings.detection.power},
                      {"holm_family", "every comparison with a result"}};
  json["runs"] = comparison.sources;
  nlohmann::ordered_json offers = nlohmann::ordered_json::array();
  for (const auto& offer : comparison.offers) {
    offers.push_back({{"name", offer.name}, {"run", comparison.sources[offer.run]}, {"adapter", offer.adapter}});
  }
  json["offers"] = std::move(offers);
  nlohmann::ordered_json comparisons = nlohmann::ordered_json::array();
  for (const auto& entry : comparison.comparisons) {
    comparisons.push_back(ComparisonJson(comparison, entry));
  }
  json["comparisons"] = std::move(comparisons);
  nlohmann::ordered_json fronts = nlohmann::ordered_json::array();
  for (const auto& front : comparison.fronts) {
    fronts.push_back(FrontJson(comparison, front));
  }
  json["pareto"] = std::move(fronts);
  out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace etalon::reports
