#include "etalon/summary/summary_builder.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/run/runner.hpp"
#include "etalon/stats/bootstrap.hpp"
#include "etalon/stats/proportion_interval.hpp"
#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/segment_resampling.hpp"
#include "etalon/summary/cost_figures.hpp"
#include "etalon/summary/serving_figures.hpp"
#include "etalon/summary/summary_record.hpp"
#include "etalon/version.hpp"

namespace etalon::summary {

namespace {

struct MetricAccumulator {
  const metrics::Metric* metric = nullptr;
  // Values are kept and summed in ascending order at the end, so a summary
  // does not depend on the journal's order (a merged or resumed run).
  std::vector<double> values;  // kMean
  stats::SegmentRows segments;  // kCorpus: each scored sample's statistics
  std::size_t scored = 0;
  std::size_t unscored = 0;           // score errors (invalid UTF-8 output...)
};

// Measured and estimated energy are summed apart and never added together.
struct EnergyAccumulator {
  std::size_t requests = 0;
  std::vector<double> joules;
  std::vector<double> low_joules;
  std::vector<double> high_joules;
  std::set<std::string> methods;
};

struct CellAccumulator {
  std::size_t expected = 0;
  std::size_t recorded = 0;
  std::size_t failed = 0;
  std::map<std::string, std::size_t> errors_by_kind;
  std::vector<MetricAccumulator> metrics;
  ServingFigures serving;
  CostFigures cost;
  const config::PassRule* pass = nullptr;  // the suite's, or null
  bool pass_higher_is_better = true;
  std::size_t correct = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool tokens_reported = false;
  bool tokens_estimated = false;
  EnergyAccumulator measured_energy;
  EnergyAccumulator estimated_energy;
};

void AddScore(MetricAccumulator& accumulator, const RecordedScore& score) {
  if (score.has_error || !score.value) {
    ++accumulator.unscored;
    return;
  }
  ++accumulator.scored;
  if (accumulator.metric->Info().aggregation == metrics::Aggregation::kMean) {
    accumulator.values.push_back(*score.value);
    return;
  }
  if (!score.statistics) {
    throw nlohmann::json::out_of_range::create(403, "key 'statistics' not found", nullptr);
  }
  auto row = *score.statistics;
  // Rows of another length (a journal written by another tool) are cut or
  // padded to the first one's, so every segment sums alike.
  if (!accumulator.segments.empty()) {
    row.resize(accumulator.segments.front().size(), 0.0);
  }
  accumulator.segments.push_back(std::move(row));
}

void AddRecord(CellAccumulator& cell, const SummaryRecord& record, const config::ServiceLevels& slo) {
  ++cell.recorded;
  cell.serving.Add(record, slo);
  if (record.failed()) {
    ++cell.failed;
    ++cell.errors_by_kind[*record.error_kind];
    return;  // a failed request has no output to score; it counts in error_rate instead
  }
  cell.cost.Add(record);
  if (cell.pass != nullptr) {
    if (const auto* score = record.FindScore(cell.pass->metric); score != nullptr && score->value) {
      const double value = *score->value;
      cell.correct += (cell.pass_higher_is_better ? value >= cell.pass->threshold : value <= cell.pass->threshold) ? 1 : 0;
    }
  }
  for (auto& accumulator : cell.metrics) {
    if (const auto* score = record.FindScore(accumulator.metric->Info().name)) {
      AddScore(accumulator, *score);
    } else {
      ++accumulator.unscored;
    }
  }
  if (const auto& energy = record.energy; energy.is_object()) {
    const bool measured = energy.at("measured").get<bool>();
    auto& accumulator = measured ? cell.measured_energy : cell.estimated_energy;
    const double joules = energy.at("joules").get<double>();
    ++accumulator.requests;
    accumulator.joules.push_back(joules);
    accumulator.low_joules.push_back(energy.at("low_joules").is_number() ? energy.at("low_joules").get<double>() : joules);
    accumulator.high_joules.push_back(energy.at("high_joules").is_number() ? energy.at("high_joules").get<double>()
                                                                           : joules);
    accumulator.methods.insert(energy.at("method").get<std::string>());
  }
  if (record.input_tokens || record.output_tokens) {
    cell.tokens_reported = true;
    cell.input_tokens += record.input_tokens.value_or(0);
    cell.output_tokens += record.output_tokens.value_or(0);
    cell.tokens_estimated = cell.tokens_estimated || record.usage_estimated;
  }
}

nlohmann::ordered_json EnergyJson(const EnergyAccumulator& energy, bool measured) {
  if (energy.requests == 0) {
    return nullptr;
  }
  nlohmann::ordered_json json;
  const double joules = stats::OrderFreeSum(energy.joules);
  json["requests"] = energy.requests;
  json["joules"] = joules;
  json["wh"] = joules / 3600.0;
  if (!measured) {
    json["low_joules"] = stats::OrderFreeSum(energy.low_joules);
    json["high_joules"] = stats::OrderFreeSum(energy.high_joules);
  }
  json["methods"] = energy.methods;
  return json;
}

// Above this many scored samples a mean's interval is the normal one: the
// central limit theorem holds well there, and 2000 resamples of every cell
// would cost more than the rest of the summary.
constexpr std::size_t kBootstrapMaxSamples = 10'000;
constexpr std::size_t kBootstrapResamples = 2000;

nlohmann::ordered_json IntervalJson(const stats::Interval& interval) {
  return {{"low", interval.low},
          {"high", interval.high},
          {"method", "bca-bootstrap"},
          {"resamples", kBootstrapResamples}};
}

// The number of ones when every value is 0 or 1 (a rate), else nothing.
std::optional<std::size_t> SuccessesOfRate(const std::vector<double>& values) {
  std::size_t ones = 0;
  for (const double value : values) {
    if (value == 1.0) {
      ++ones;
    } else if (value != 0.0) {
      return std::nullopt;
    }
  }
  return ones;
}

nlohmann::ordered_json MeanIntervalJson(const MetricAccumulator& accumulator, const stats::RunningMoments& moments,
                                        std::uint64_t seed) {
  if (accumulator.values.size() < 2) {
    return nullptr;
  }
  // A rate's interval is Wilson's: a bootstrap of 0/1 scores collapses to a
  // point when every score is the same, claiming a certainty it has not.
  if (const auto successes = SuccessesOfRate(accumulator.values)) {
    const auto interval = stats::WilsonInterval(*successes, accumulator.values.size());
    return {{"low", interval.low}, {"high", interval.high}, {"method", "wilson"}};
  }
  if (accumulator.values.size() > kBootstrapMaxSamples) {
    const auto interval = moments.NormalInterval95();
    return {{"low", interval->first}, {"high", interval->second}, {"method", "normal"}};
  }
  return IntervalJson(stats::BootstrapMeanInterval(accumulator.values, {kBootstrapResamples, seed, 0.95}));
}

// A corpus figure's interval by resampling segments; null below 2 segments
// or when a resample's figure is not finite.
nlohmann::ordered_json CorpusIntervalJson(const MetricAccumulator& accumulator, std::uint64_t seed) {
  if (accumulator.segments.size() < 2) {
    return nullptr;
  }
  const auto* metric = accumulator.metric;
  try {
    return IntervalJson(stats::SegmentBootstrapInterval(
        accumulator.segments, [metric](const std::vector<double>& summed) { return metric->CorpusScore(summed); },
        {kBootstrapResamples, seed, 0.95}));
  } catch (const std::domain_error&) {
    return nullptr;
  }
}

nlohmann::ordered_json MetricJson(const MetricAccumulator& accumulator, std::uint64_t seed) {
  const auto& info = accumulator.metric->Info();
  nlohmann::ordered_json json;
  json["aggregation"] = info.aggregation == metrics::Aggregation::kMean ? "mean" : "corpus";
  json["n"] = accumulator.scored;
  json["unscored"] = accumulator.unscored;
  if (accumulator.scored == 0) {
    json["value"] = nullptr;
    return json;
  }
  if (info.aggregation == metrics::Aggregation::kCorpus) {
    std::vector<double> summed;
    for (std::size_t j = 0; j < accumulator.segments.front().size(); ++j) {
      std::vector<double> column;
      column.reserve(accumulator.segments.size());
      for (const auto& row : accumulator.segments) {
        column.push_back(row[j]);
      }
      summed.push_back(stats::OrderFreeSum(std::move(column)));
    }
    json["value"] = accumulator.metric->CorpusScore(summed);
    json["ci95"] = CorpusIntervalJson(accumulator, seed);
    return json;
  }
  const auto moments = stats::OrderFreeMoments(accumulator.values);
  json["value"] = moments.mean();
  const auto stddev = moments.sample_stddev();
  json["stddev"] = stddev ? nlohmann::ordered_json(*stddev) : nlohmann::ordered_json(nullptr);
  json["ci95"] = MeanIntervalJson(accumulator, moments, seed);
  return json;
}

CostContext CostContextFor(const config::Plan& plan, const std::string& adapter_id, const std::string& suite_id,
                           const CellAccumulator& cell, double span_s) {
  CostContext context;
  context.succeeded = cell.recorded - cell.failed;
  context.span_s = span_s;
  for (const auto& adapter : plan.adapters) {
    if (adapter.id == adapter_id) {
      context.server_eur_per_hour = adapter.server_eur_per_hour;
    }
  }
  for (const auto& [suite, requests] : plan.yearly_requests) {
    if (suite == suite_id) {
      context.yearly_requests = requests;
    }
  }
  if (cell.pass != nullptr) {
    context.correct = cell.correct;
  }
  return context;
}

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) {
    return "unknown";
  }
  return name;
}

nlohmann::ordered_json SuiteJson(const run::PreparedSuite& prepared, std::optional<std::size_t> limit) {
  const auto& suite = prepared.suite;
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  for (const auto& metric : prepared.metrics) {
    const auto& info = metric->Info();
    metrics.push_back({{"name", info.name},
                       {"description", info.description},
                       {"min", info.min},
                       {"max", info.max},
                       {"higher_is_better", info.higher_is_better},
                       {"aggregation", info.aggregation == metrics::Aggregation::kMean ? "mean" : "corpus"},
                       {"reference", info.reference}});
  }
  nlohmann::ordered_json json;
  json["id"] = suite.id;
  json["version"] = suite.version;
  json["task"] = suite.task;
  json["description"] = suite.description;
  json["dataset"] = {{"path", suite.dataset_path},
                     {"sha256", prepared.dataset.sha256},
                     {"samples", prepared.dataset.samples},
                     {"samples_in_run", run::SamplesInRun(prepared, limit)}};
  json["few_shot"] = suite.few_shot ? nlohmann::ordered_json{{"path", suite.few_shot->path},
                                                             {"count", suite.few_shot->count},
                                                             {"sha256", prepared.few_shot_sha256}}
                                    : nlohmann::ordered_json(nullptr);
  json["metrics"] = std::move(metrics);
  return json;
}

}  // namespace

struct SummaryBuilder::Cells {
  std::map<std::pair<std::string, std::string>, CellAccumulator> cells;
};

SummaryBuilder::SummaryBuilder(const SummaryInput& input) : input_(input), cells_(std::make_unique<Cells>()) {
  const auto& suites = *input.suites;
  for (const auto& [adapter_id, suite_ids] : input.adapter_suites) {
    for (const auto& prepared : suites) {
      if (std::find(suite_ids.begin(), suite_ids.end(), prepared->suite.id) == suite_ids.end()) {
        continue;
      }
      auto& cell = cells_->cells[{adapter_id, prepared->suite.id}];
      cell.expected = run::SamplesInRun(*prepared, input.limit) * static_cast<std::size_t>(input.plan->repeats);
      if (input.expected_keys) {
        const auto shard_keys = input.expected_keys->find({adapter_id, prepared->suite.id});
        cell.expected = shard_keys != input.expected_keys->end() ? shard_keys->second : 0;
      }
      for (const auto& metric : prepared->metrics) {
        cell.metrics.push_back({metric.get(), {}, {}, 0, 0});
        if (prepared->suite.pass && metric->Info().name == prepared->suite.pass->metric) {
          cell.pass = &*prepared->suite.pass;
          cell.pass_higher_is_better = metric->Info().higher_is_better;
        }
      }
    }
  }
}

SummaryBuilder::~SummaryBuilder() = default;

void SummaryBuilder::AddLine(const std::string& line, std::size_t number) {
  try {
    const auto record = ReadSummaryRecord(line);
    auto& cells = cells_->cells;
    const auto found = cells.find({record.adapter, record.suite});
    if (found != cells.end()) {
      AddRecord(found->second, record, input_.plan->slo);
    }
    if (input_.on_record) {
      input_.on_record(record, line, number);
    }
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(fmt::format("{}:{}: not a result line: {}", input_.journal_path, number, error.what()));
  }
}

Summary SummaryBuilder::Finish() const {
  const auto& input = input_;
  const auto& suites = *input.suites;
  const auto& cells = cells_->cells;
  Summary summary;
  auto& totals = summary.totals;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& [adapter_id, suite_ids] : input.adapter_suites) {
    for (const auto& prepared : suites) {
      const auto found = cells.find({adapter_id, prepared->suite.id});
      if (found == cells.end()) {
        continue;
      }
      const auto& cell = found->second;
      totals.expected += cell.expected;
      totals.recorded += cell.recorded;
      totals.failed += cell.failed;
      nlohmann::ordered_json entry;
      entry["adapter"] = adapter_id;
      entry["suite"] = prepared->suite.id;
      entry["expected"] = cell.expected;
      entry["recorded"] = cell.recorded;
      entry["succeeded"] = cell.recorded - cell.failed;
      entry["failed"] = cell.failed;
      entry["error_rate"] =
          cell.recorded > 0 ? static_cast<double>(cell.failed) / static_cast<double>(cell.recorded) : 0.0;
      entry["errors_by_kind"] = cell.errors_by_kind;
      nlohmann::ordered_json metric_values = nlohmann::ordered_json::object();
      for (const auto& accumulator : cell.metrics) {
        metric_values[accumulator.metric->Info().name] =
            MetricJson(accumulator, static_cast<std::uint64_t>(input.plan->seed));
      }
      entry["metrics"] = std::move(metric_values);
      entry["latency_ms"] = cell.serving.LatencyJson();
      entry["throughput"] = cell.serving.ThroughputJson(input.plan->arrival_rate_per_s, input.plan->slo);
      const auto cost_context = CostContextFor(*input.plan, adapter_id, prepared->suite.id, cell,
                                               entry["throughput"]["span_s"].get<double>());
      entry["cost"] = cell.cost.CostJson(cost_context);
      entry["carbon"] = cell.cost.CarbonJson(cost_context);
      entry["energy"] = {{"measured", EnergyJson(cell.measured_energy, true)},
                         {"estimated", EnergyJson(cell.estimated_energy, false)}};
      entry["usage"] = cell.tokens_reported ? nlohmann::ordered_json{{"input_tokens", cell.input_tokens},
                                                                     {"output_tokens", cell.output_tokens},
                                                                     {"estimated", cell.tokens_estimated}}
                                            : nlohmann::ordered_json(nullptr);
      results.push_back(std::move(entry));
    }
  }
  totals.error_rate =
      totals.recorded > 0 ? static_cast<double>(totals.failed) / static_cast<double>(totals.recorded) : 0.0;

  std::string status = "complete";
  if (input.stopped) {
    status = "cancelled";
  } else if (totals.recorded < totals.expected) {
    status = "incomplete";
  }

  auto& json = summary.json;
  json["schema"] = kSummarySchemaVersion;
  json["etalon"] = {{"version", kVersion}, {"git_sha", kGitSha}, {"git_dirty", kGitDirty}};
  json["run"] = {{"plan", input.plan->name},
                 {"status", status},
                 {"fingerprint", input.run_record.value("fingerprint", "")},
                 {"seed", input.plan->seed},
                 {"started_at", input.run_record.value("started_at", "")},
                 {"finished_at", input.finished_at},
                 {"host", HostName()},
                 {"selection", input.run_record.value("selection", nlohmann::json::object())}};
  json["plan"] = {{"path", input.plan->path},
                  {"as_written", input.plan->as_written},
                  {"resolved", input.plan->Resolved()}};
  nlohmann::ordered_json suites_json = nlohmann::ordered_json::array();
  for (const auto& prepared : suites) {
    suites_json.push_back(SuiteJson(*prepared, input.limit));
  }
  json["suites"] = std::move(suites_json);
  nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
  for (const auto& adapter : input.skipped_adapters) {
    skipped.push_back({{"id", adapter.id}, {"reason", adapter.reason}});
  }
  json["skipped_adapters"] = std::move(skipped);
  json["results"] = std::move(results);
  json["run_energy"] = input.run_energy;
  json["totals"] = {{"expected", totals.expected},
                    {"recorded", totals.recorded},
                    {"failed", totals.failed},
                    {"error_rate", totals.error_rate},
                    {"max_error_rate", input.plan->max_error_rate},
                    {"within_tolerance", totals.error_rate <= input.plan->max_error_rate}};
  return summary;
}

Summary BuildSummary(const SummaryInput& input) {
  SummaryBuilder builder(input);
  run::ForEachJournalLine(input.journal_path,
                          [&builder](const std::string& line, std::size_t number) { builder.AddLine(line, number); });
  return builder.Finish();
}

}  // namespace etalon::summary
