// What a run will cost, use and take, projected before any request is sent
// (`etalon run --dry-run`, and the budget check at start): each suite's
// prompts are rendered to count their characters; tokens are estimated at 4
// characters each, and output tokens at the suite's max_tokens (or 256). A
// rough figure by design: it says what it assumed, and real runs report
// measured usage.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "etalon/meters/request_costing.hpp"
#include "etalon/run/prepared_suite.hpp"

namespace etalon::run {

inline constexpr double kCharactersPerToken = 4;
inline constexpr int kProjectedOutputTokens = 256;

struct CellProjection {
  std::string adapter;
  std::string suite;
  std::size_t requests = 0;
  double input_tokens = 0;
  double output_tokens = 0;
  std::optional<double> eur;                 // null: no catalog price
  std::optional<meters::Bounds> joules;      // null: no estimate (local engines are measured during the run)
  std::optional<meters::Bounds> compute_s;   // the model's modelled generation time, summed over requests
};

struct ProjectionInput {
  std::string adapter;
  const meters::RequestCosting* costing = nullptr;
  std::vector<const PreparedSuite*> suites;
};

std::vector<CellProjection> ProjectRun(const std::vector<ProjectionInput>& adapters, std::optional<std::size_t> limit,
                                       int repeats);

}  // namespace etalon::run
