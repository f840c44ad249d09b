#include "offer_scores.hpp"

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/run/journal_reader.hpp"

namespace etalon::compare {

namespace {

void AddScore(const nlohmann::json& score, bool corpus, const UnitKey& key, ScoreTable& table) {
  if (!score.is_object() || score.contains("error")) {
    return;
  }
  const auto value = score.find("value");
  if (value == score.end() || !value->is_number()) {
    return;
  }
  if (!corpus) {
    table.values[key] = value->get<double>();
    return;
  }
  const auto statistics = score.find("statistics");
  if (statistics != score.end() && statistics->is_array()) {
    table.statistics[key] = statistics->get<std::vector<double>>();
  }
}

}  // namespace

void ReadOfferScores(const CompareRun& run, const ScoreRequest& request, std::map<ScoreKey, ScoreTable>& tables) {
  core::LineReader reader(run.results_path);
  if (!reader.is_open()) {
    throw CompareInputError(fmt::format("{}: cannot read", run.results_path));
  }
  std::string line;
  while (reader.Next(line)) {
    if (line.empty()) {
      continue;
    }
    try {
      const auto record = run::ParseJournalLine(line, {"adapter", "suite", "sample", "repeat", "error", "scores"});
      const auto offer = request.offer_of_adapter.find(record.at("adapter").get<std::string>());
      const auto suite = request.metrics_of_suite.find(record.at("suite").get<std::string>());
      if (offer == request.offer_of_adapter.end() || suite == request.metrics_of_suite.end() ||
          !record.at("error").is_null()) {
        continue;
      }
      const UnitKey key{record.at("sample").get<std::string>(), record.at("repeat").get<int>()};
      const auto& scores = record.at("scores");
      for (const auto& [metric, corpus] : suite->second) {
        const auto score = scores.find(metric);
        if (score != scores.end()) {
          AddScore(*score, corpus, key, tables[{offer->second, suite->first, metric}]);
        }
      }
    } catch (const nlohmann::json::exception& error) {
      throw CompareInputError(
          fmt::format("{}:{}: not a result line ({})", run.results_path, reader.line_number(), error.what()));
    }
  }
}

}  // namespace etalon::compare
