#include "etalon/run/run_projection.hpp"

#include <cmath>

#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/run/runner.hpp"

namespace etalon::run {

namespace {

void AddBounds(std::optional<meters::Bounds>& total, const std::optional<meters::Bounds>& item, double times) {
  if (!item) {
    return;
  }
  total = meters::Bounds{total.value_or(meters::Bounds{}).low + item->low * times,
                         total.value_or(meters::Bounds{}).high + item->high * times};
}

}  // namespace

std::vector<CellProjection> ProjectRun(const std::vector<ProjectionInput>& adapters, std::optional<std::size_t> limit,
                                       int repeats) {
  std::vector<CellProjection> cells;
  for (const auto& adapter : adapters) {
    for (const auto* suite : adapter.suites) {
      CellProjection cell;
      cell.adapter = adapter.adapter;
      cell.suite = suite->suite.id;
      const int output_tokens = suite->suite.generation.max_tokens.value_or(kProjectedOutputTokens);
      dataset::JsonlDataset dataset(suite->suite.dataset_path);
      core::Sample sample;
      core::Diagnostic problem;
      const std::size_t wanted = SamplesInRun(*suite, limit);
      std::size_t taken = 0;
      while (taken < wanted) {
        const auto read = dataset.Next(sample, problem);
        if (read == dataset::JsonlDataset::Read::kEnd) {
          break;
        }
        if (read == dataset::JsonlDataset::Read::kBadLine || !suite->suite.Includes(sample)) {
          continue;
        }
        ++taken;
        const auto characters = suite->suite.system_prompt.size() + suite->renderer->Render(sample).text.size();
        core::Response expected;
        expected.usage.input_tokens = static_cast<std::int64_t>(std::ceil(characters / kCharactersPerToken));
        expected.usage.output_tokens = output_tokens;
        expected.usage.estimated = true;
        cell.requests += static_cast<std::size_t>(repeats);
        cell.input_tokens += static_cast<double>(*expected.usage.input_tokens) * repeats;
        cell.output_tokens += static_cast<double>(output_tokens) * repeats;
        if (adapter.costing == nullptr) {
          continue;
        }
        if (const auto cost = adapter.costing->Cost(expected); cost.is_object()) {
          cell.eur = cell.eur.value_or(0) + cost.at("eur").get<double>() * repeats;
        }
        if (const auto energy = adapter.costing->EstimateEnergy(expected)) {
          AddBounds(cell.joules, meters::Bounds{*energy->low_joules, *energy->high_joules}, repeats);
        }
        AddBounds(cell.compute_s, adapter.costing->ModelledLatencySeconds(expected), repeats);
      }
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

}  // namespace etalon::run
