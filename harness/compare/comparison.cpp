#include "etalon/compare/comparison.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/compare/pareto_front.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "etalon/stats/holm.hpp"
#include "offer_scores.hpp"

namespace etalon::compare {

namespace {

struct MetricInfo {
  std::string name;
  bool higher_is_better = true;
  bool corpus = false;
};

struct SuiteInfo {
  std::string id;
  std::vector<MetricInfo> metrics;
  std::size_t run = 0;  // the first run that has it, whose definition is used
};

// FNV-1a, then SplitMix64's finaliser: a comparison's seed depends on the
// command's seed and its own names only, so adding a run leaves the other
// comparisons' figures as they were.
std::uint64_t DerivedSeed(std::uint64_t seed, const std::vector<std::string>& names) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const auto& name : names) {
    for (const unsigned char byte : name) {
      hash = (hash ^ byte) * 1099511628211ULL;
    }
    hash = (hash ^ 0xFFU) * 1099511628211ULL;  // separator: ("ab", "c") differs from ("a", "bc")
  }
  std::uint64_t mixed = seed ^ hash;
  mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ULL;
  mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBULL;
  return mixed ^ (mixed >> 31);
}

std::string Canonical(const std::string& path) {
  std::error_code error;
  const auto canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical.string();
}

std::vector<Offer> NameOffers(const std::vector<CompareRun>& runs) {
  std::vector<Offer> offers;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const auto& entry : runs[r].summary.at("results")) {
      const auto adapter = entry.at("adapter").get<std::string>();
      const bool known = std::any_of(offers.begin(), offers.end(),
                                     [&](const Offer& offer) { return offer.run == r && offer.adapter == adapter; });
      if (!known) {
        offers.push_back({adapter, r, adapter});
      }
    }
  }
  for (auto& offer : offers) {
    std::set<std::size_t> runs_with_id;
    std::map<std::string, int> folder_names;
    for (const auto& other : offers) {
      if (other.adapter == offer.adapter) {
        runs_with_id.insert(other.run);
        ++folder_names[runs[other.run].folder_name];
      }
    }
    if (runs_with_id.size() > 1) {
      const auto& run = runs[offer.run];
      offer.name = (folder_names[run.folder_name] > 1 ? run.source : run.folder_name) + "/" + offer.adapter;
    }
  }
  return offers;
}

// Suites in order of first appearance; a suite whose dataset differs
// between runs cannot be compared.
std::vector<SuiteInfo> CollectSuites(const std::vector<CompareRun>& runs) {
  std::vector<SuiteInfo> suites;
  std::map<std::string, std::pair<std::size_t, std::string>> dataset_of;  // suite -> (run, sha256)
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto& list = runs[r].summary.at("suites");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& suite = list[i];
      const auto id = suite.at("id").get<std::string>();
      const auto pointer = "/dataset/sha256"_json_pointer;
      const auto sha256 =
          suite.contains(pointer) && suite.at(pointer).is_string() ? suite.at(pointer).get<std::string>() : "";
      const auto seen = dataset_of.find(id);
      if (seen != dataset_of.end()) {
        if (seen->second.second != sha256) {
          throw CompareInputError(fmt::format(
              "{}/summary.json: field 'suites[{}].dataset.sha256': suite '{}' ran on another dataset than in {} "
              "({} against {}): its offers cannot be compared",
              runs[r].source, i, id, runs[seen->second.first].source, sha256, seen->second.second));
        }
        continue;
      }
      dataset_of[id] = {r, sha256};
      SuiteInfo info{id, {}, r};
      for (const auto& metric : suite.at("metrics")) {
        info.metrics.push_back({metric.at("name").get<std::string>(), metric.at("higher_is_better").get<bool>(),
                                metric.at("aggregation").get<std::string>() == "corpus"});
      }
      suites.push_back(std::move(info));
    }
  }
  return suites;
}

const nlohmann::json* CellOf(const CompareRun& run, const std::string& adapter, const std::string& suite) {
  for (const auto& entry : run.summary.at("results")) {
    if (entry.at("adapter") == adapter && entry.at("suite") == suite) {
      return &entry;
    }
  }
  return nullptr;
}

std::optional<double> NumberAt(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer) || !object.at(pointer).is_number()) {
    return std::nullopt;
  }
  return object.at(pointer).get<double>();
}

// The cell's figure for a metric (metric names are not JSON-pointer safe).
std::optional<double> MetricValue(const nlohmann::json& cell, const std::string& metric) {
  const auto& metrics = cell.at("metrics");
  const auto figure = metrics.find(metric);
  if (figure == metrics.end() || !figure->is_object()) {
    return std::nullopt;
  }
  return NumberAt(*figure, "/value"_json_pointer);
}

// A corpus metric rebuilt from the suite as written, with its parameters.
std::unique_ptr<metrics::Metric> CorpusMetric(const CompareRun& run, const std::string& suite, const std::string& name) {
  const auto field = fmt::format("components.suites.{}.metrics", suite);
  const auto fail = [&](const std::string& why) {
    return CompareInputError(fmt::format("{}/run.json: field '{}': {}", run.source, field, why));
  };
  const auto found = run.suites_as_written.find(suite);
  if (found == run.suites_as_written.end() || !found->is_object() || !found->contains("metrics") ||
      !found->at("metrics").is_array()) {
    throw fail("the suite's metrics are missing");
  }
  for (const auto& item : found->at("metrics")) {
    metrics::MetricSpec spec;
    if (item.is_string()) {
      spec.name = item.get<std::string>();
    } else if (item.is_object() && item.contains("name") && item.at("name").is_string()) {
      spec.name = item.at("name").get<std::string>();
      spec.parameters = item;
      spec.parameters.erase("name");
    } else {
      throw fail("an entry is neither a metric name nor a mapping with a name");
    }
    auto made = metrics::MakeMetrics(spec);
    if (const auto* message = std::get_if<std::string>(&made)) {
      throw fail(fmt::format("metric '{}': {}", spec.name, *message));
    }
    for (auto& metric : std::get<std::vector<std::unique_ptr<metrics::Metric>>>(made)) {
      if (metric->Info().name == name) {
        return std::move(metric);
      }
    }
  }
  throw fail(fmt::format("no metric gives '{}'", name));
}

void CompareTables(const ScoreTable& first, const ScoreTable& second, const metrics::Metric* corpus,
                   const stats::PairedSettings& settings, MetricComparison& comparison) {
  if (corpus == nullptr) {
    std::vector<double> first_values;
    std::vector<double> second_values;
    for (const auto& [key, value] : first.values) {
      const auto other = second.values.find(key);
      if (other != second.values.end()) {
        first_values.push_back(value);
        second_values.push_back(other->second);
      }
    }
    comparison.first_only = first.values.size() - first_values.size();
    comparison.second_only = second.values.size() - first_values.size();
    if (!first_values.empty()) {
      comparison.result = stats::CompareMeans(first_values, second_values, settings);
    }
  } else {
    stats::SegmentRows first_rows;
    stats::SegmentRows second_rows;
    for (const auto& [key, row] : first.statistics) {
      const auto other = second.statistics.find(key);
      if (other != second.statistics.end() && other->second.size() == row.size()) {
        first_rows.push_back(row);
        second_rows.push_back(other->second);
      }
    }
    comparison.first_only = first.statistics.size() - first_rows.size();
    comparison.second_only = second.statistics.size() - first_rows.size();
    if (!first_rows.empty()) {
      try {
        comparison.result = stats::CompareCorpus(
            first_rows, second_rows, [corpus](const std::vector<double>& summed) { return corpus->CorpusScore(summed); },
            settings);
      } catch (const std::domain_error&) {
        comparison.unavailable = "corpus figure not finite for a resample";
      }
    }
  }
  if (!comparison.result && comparison.unavailable.empty()) {
    comparison.unavailable = "no common scored sample";
  }
}

std::optional<double> Expense(const nlohmann::json& cell, ParetoAxis axis) {
  switch (axis) {
    case ParetoAxis::kCostPerRequest: return NumberAt(cell, "/cost/per_request_eur"_json_pointer);
    case ParetoAxis::kLatencyP50: return NumberAt(cell, "/latency_ms/end_to_end/p50"_json_pointer);
    case ParetoAxis::kEnergyPerRequest:
      for (const auto* kind : {"/energy/measured", "/energy/estimated"}) {
        const auto joules = NumberAt(cell, nlohmann::json::json_pointer(std::string(kind) + "/joules"));
        const auto requests = NumberAt(cell, nlohmann::json::json_pointer(std::string(kind) + "/requests"));
        if (joules && requests && *requests > 0) {
          return *joules / *requests;
        }
      }
      return std::nullopt;
  }
  return std::nullopt;  // unreachable: every axis is handled above
}

SuiteParetoFront FrontOf(const SuiteInfo& suite, ParetoAxis axis, const std::vector<Offer>& offers,
                         const std::vector<CompareRun>& runs) {
  SuiteParetoFront front;
  front.suite = suite.id;
  front.metric = suite.metrics.front().name;
  front.higher_is_better = suite.metrics.front().higher_is_better;
  front.axis = axis;
  std::vector<ParetoCandidate> candidates;
  for (std::size_t o = 0; o < offers.size(); ++o) {
    const auto* cell = CellOf(runs[offers[o].run], offers[o].adapter, suite.id);
    if (cell == nullptr) {
      continue;
    }
    const auto quality = MetricValue(*cell, front.metric);
    const auto expense = Expense(*cell, axis);
    if (!quality || !expense) {
      front.not_placed.push_back(o);
      continue;
    }
    front.points.push_back({o, *quality, *expense, false});
    candidates.push_back({*quality, *expense});
  }
  const auto on_front = ParetoFront(candidates, front.higher_is_better);
  for (std::size_t i = 0; i < front.points.size(); ++i) {
    front.points[i].on_front = on_front[i];
  }
  return front;
}

}  // namespace

std::string ParetoAxisName(ParetoAxis axis) {
  switch (axis) {
    case ParetoAxis::kCostPerRequest: return "cost_per_request_eur";
    case ParetoAxis::kEnergyPerRequest: return "energy_per_request_j";
    case ParetoAxis::kLatencyP50: return "latency_p50_ms";
  }
  return "cost_per_request_eur";  // unreachable: every axis is handled above
}

std::optional<std::size_t> BetterOffer(const MetricComparison& comparison, double alpha) {
  if (!comparison.result || !comparison.holm_p_value || *comparison.holm_p_value >= alpha ||
      comparison.result->difference == 0) {
    return std::nullopt;
  }
  const bool first_higher = comparison.result->difference > 0;
  return first_higher == comparison.higher_is_better ? comparison.first : comparison.second;
}

Comparison CompareRuns(const std::vector<CompareRun>& runs, const CompareSettings& settings) {
  Comparison comparison;
  comparison.settings = settings;
  std::set<std::string> seen;
  for (const auto& run : runs) {
    if (!seen.insert(Canonical(run.source)).second) {
      throw CompareInputError(fmt::format("{}: the same run folder is given twice", run.source));
    }
    comparison.sources.push_back(run.source);
  }
  comparison.offers = NameOffers(runs);
  if (comparison.offers.size() < 2) {
    throw CompareInputError("compare needs at least two offers (adapters in the runs' summary.json results)");
  }
  const auto suites = CollectSuites(runs);

  std::map<ScoreKey, ScoreTable> tables;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    ScoreRequest request;
    for (std::size_t o = 0; o < comparison.offers.size(); ++o) {
      if (comparison.offers[o].run == r) {
        request.offer_of_adapter[comparison.offers[o].adapter] = o;
      }
    }
    for (const auto& suite : suites) {
      for (const auto& metric : suite.metrics) {
        request.metrics_of_suite[suite.id].emplace_back(metric.name, metric.corpus);
      }
    }
    ReadOfferScores(runs[r], request, tables);
  }

  for (const auto& suite : suites) {
    for (const auto& metric : suite.metrics) {
      std::vector<std::size_t> having;
      for (std::size_t o = 0; o < comparison.offers.size(); ++o) {
        const auto* cell = CellOf(runs[comparison.offers[o].run], comparison.offers[o].adapter, suite.id);
        if (cell != nullptr && cell->at("metrics").contains(metric.name)) {
          having.push_back(o);
        }
      }
      if (having.size() < 2) {
        continue;
      }
      const auto corpus = metric.corpus ? CorpusMetric(runs[suite.run], suite.id, metric.name) : nullptr;
      for (std::size_t i = 0; i < having.size(); ++i) {
        for (std::size_t j = i + 1; j < having.size(); ++j) {
          MetricComparison entry;
          entry.suite = suite.id;
          entry.metric = metric.name;
          entry.corpus = metric.corpus;
          entry.higher_is_better = metric.higher_is_better;
          entry.first = having[i];
          entry.second = having[j];
          stats::PairedSettings paired;
          paired.bootstrap = {settings.resamples,
                              DerivedSeed(settings.seed, {suite.id, metric.name, comparison.offers[having[i]].name,
                                                          comparison.offers[having[j]].name}),
                              settings.level};
          paired.permutations = settings.permutations;
          paired.detection = settings.detection;
          CompareTables(tables[{having[i], suite.id, metric.name}], tables[{having[j], suite.id, metric.name}],
                        corpus.get(), paired, entry);
          comparison.comparisons.push_back(std::move(entry));
        }
      }
    }
  }

  std::vector<double> p_values;
  for (const auto& entry : comparison.comparisons) {
    if (entry.result) {
      p_values.push_back(entry.result->p_value);
    }
  }
  const auto adjusted = stats::HolmAdjusted(p_values);
  std::size_t next = 0;
  for (auto& entry : comparison.comparisons) {
    if (entry.result) {
      entry.holm_p_value = adjusted[next++];
    }
  }

  for (const auto& suite : suites) {
    if (suite.metrics.empty()) {
      continue;
    }
    for (const auto axis : {ParetoAxis::kCostPerRequest, ParetoAxis::kEnergyPerRequest, ParetoAxis::kLatencyP50}) {
      auto front = FrontOf(suite, axis, comparison.offers, runs);
      if (front.points.size() + front.not_placed.size() >= 2) {
        comparison.fronts.push_back(std::move(front));
      }
    }
  }
  return comparison;
}

}  // namespace etalon::compare
