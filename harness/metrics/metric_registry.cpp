#include "etalon/metrics/metric_registry.hpp"

#include <functional>

#include "etalon/metrics/token_f1.hpp"

namespace etalon::metrics {

namespace {

struct MetricEntry {
  const char* name;
  const char* description;
  const char* parameters;
  std::function<MetricsOrError(const nlohmann::json& parameters)> make;
};

template <typename T>
MetricsOrError MakeWithoutParameters(const nlohmann::json& parameters) {
  if (!parameters.empty()) {
    return std::string("takes no parameters, got '") + parameters.begin().key() + "'";
  }
  std::vector<std::unique_ptr<Metric>> metrics;
  metrics.push_back(std::make_unique<T>());
  return metrics;
}

// The explicit list of built-in metrics, in the order `etalon list metrics` shows them.
const std::vector<MetricEntry>& Entries() {
  static const std::vector<MetricEntry> entries = {
      {"exact_match", "1 when the output's words equal a reference's words (Unicode words, lowercased).", "",
       MakeWithoutParameters<ExactMatch>},
      {"token_f1", "Word-overlap F1 with the closest reference (Unicode words, lowercased).", "",
       MakeWithoutParameters<TokenF1>},
  };
  return entries;
}

}  // namespace

std::vector<MetricListing> ListMetrics() {
  std::vector<MetricListing> listings;
  for (const auto& entry : Entries()) {
    listings.push_back({entry.name, entry.description, entry.parameters});
  }
  return listings;
}

MetricsOrError MakeMetrics(const MetricSpec& spec) {
  for (const auto& entry : Entries()) {
    if (spec.name == entry.name) {
      return entry.make(spec.parameters);
    }
  }
  return "unknown metric '" + spec.name + "' (see `etalon list metrics`)";
}

}  // namespace etalon::metrics
