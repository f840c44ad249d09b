// Loads a plan and everything it names (adapters, suites, datasets), applying
// the command line's selection, and collects every problem. Shared by
// `etalon run` and `etalon validate`, so both accept exactly the same plans.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "etalon/config/plan.hpp"
#include "etalon/core/adapter.hpp"
#include "etalon/core/diagnostic.hpp"
#include "etalon/meters/model_catalog.hpp"
#include "etalon/meters/request_costing.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "etalon/run/runner.hpp"
#include "etalon/summary/summary_builder.hpp"

namespace etalon::cli {

struct PlanSelection {
  std::vector<std::string> adapter_ids;  // empty: all
  std::vector<std::string> suite_ids;    // empty: all
  std::optional<std::size_t> concurrency;
};

struct LoadedPlan {
  config::Plan plan;
  std::vector<config::AdapterConfig> adapter_configs;  // selected and not skipped, plan order
  std::vector<std::unique_ptr<core::Adapter>> adapters;
  std::vector<summary::SkippedAdapter> skipped;
  std::vector<std::unique_ptr<run::PreparedSuite>> suites;
  std::unique_ptr<meters::ModelCatalog> catalog;  // on the heap: costings keep its address when the plan moves
  std::vector<std::unique_ptr<meters::RequestCosting>> costings;  // one per adapter, same order
  std::vector<std::string> warnings;  // e.g. a model without a catalog price: its cost will be null

  // Each adapter with the prepared suites it runs, in plan order.
  std::vector<run::AdapterAssignment> Assignments() const;
  // The same as ids, for the summary.
  std::vector<std::pair<std::string, std::vector<std::string>>> AssignmentIds() const;
};

// The suites folder for a plan file: <plan folder>/../suites when it exists, else <data root>/suites.
std::string DefaultSuitesDir(const std::string& plan_path);

// The shipped model catalog (adapters/catalog/ under the data root), read
// once per process; every call gets the same catalog and diagnostics.
std::optional<meters::ModelCatalog> LoadShippedCatalog(core::Diagnostics& diagnostics);

// The costing of one adapter entry's requests: catalog prices, and EcoLogits for vendor APIs.
std::unique_ptr<meters::RequestCosting> MakeCosting(const meters::ModelCatalog* catalog,
                                                    const config::AdapterConfig& config);

// std::nullopt when anything is wrong; every problem is in `diagnostics`.
std::optional<LoadedPlan> LoadPlanForRun(const std::string& plan_path, const PlanSelection& selection,
                                         core::Diagnostics& diagnostics);

}  // namespace etalon::cli
