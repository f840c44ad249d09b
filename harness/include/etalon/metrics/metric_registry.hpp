// The one explicit table of built-in metrics (no static self-registration).
// Suites name metrics as a string ("token_f1") or a map with parameters
// ({name: bleu, tokenize: intl}); one name may expand to several metrics
// ("rouge" gives rouge1, rouge2, rougeL, rougeLsum).
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

struct MetricSpec {
  std::string name;
  nlohmann::json parameters = nlohmann::json::object();  // everything but `name`
};

struct MetricListing {
  std::string name;
  std::string description;
  std::string parameters;  // human description of accepted parameters, empty if none
};

// Every metric name a suite may use, with its description, for `etalon list metrics`.
std::vector<MetricListing> ListMetrics();

// Builds the metrics named by `spec`. On an unknown name or a bad parameter
// returns an error message (without file/line: the caller adds them).
using MetricsOrError = std::variant<std::vector<std::unique_ptr<Metric>>, std::string>;
MetricsOrError MakeMetrics(const MetricSpec& spec);

}  // namespace etalon::metrics
