#include "plan_setup.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "etalon/meters/catalog_json.hpp"
#include "etalon/version.hpp"

namespace etalon::cli {

std::string DefaultSuitesDir(const std::string& plan_path) {
  const auto beside = (std::filesystem::path(plan_path).parent_path() / ".." / "suites").lexically_normal();
  if (std::filesystem::is_directory(beside)) {
    return beside.string();
  }
  return (std::filesystem::path(DataRoot()) / "suites").string();
}

namespace {

void CheckSelection(const std::vector<std::string>& wanted, const std::vector<std::string>& known, const char* what,
                    core::Diagnostics& diagnostics) {
  for (const auto& id : wanted) {
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      std::string list;
      for (const auto& name : known) {
        list += list.empty() ? name : ", " + name;
      }
      diagnostics.push_back({"command line", 0, fmt::format("--{}", what),
                             fmt::format("'{}' is not in the plan (the plan has: {})", id, list)});
    }
  }
}

bool Selected(const std::vector<std::string>& wanted, const std::string& id) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), id) != wanted.end();
}

bool ReachesVendorApi(const config::AdapterConfig& config) {
  return config.kind == "openai" || config.kind == "anthropic";
}

}  // namespace

std::vector<run::AdapterAssignment> LoadedPlan::Assignments() const {
  std::vector<run::AdapterAssignment> assignments;
  for (std::size_t i = 0; i < adapters.size(); ++i) {
    run::AdapterAssignment assignment{adapters[i].get(), {}, adapter_configs[i].concurrency.value_or(0),
                                      costings[i].get()};
    for (const auto& prepared : suites) {
      if (Selected(adapter_configs[i].suites, prepared->suite.id)) {
        assignment.suites.push_back(prepared.get());
      }
    }
    if (!assignment.suites.empty()) {
      assignments.push_back(std::move(assignment));
    }
  }
  return assignments;
}

std::vector<std::pair<std::string, std::vector<std::string>>> LoadedPlan::AssignmentIds() const {
  std::vector<std::pair<std::string, std::vector<std::string>>> ids;
  for (const auto& assignment : Assignments()) {
    auto& entry = ids.emplace_back(assignment.adapter->Id(), std::vector<std::string>{});
    for (const auto* suite : assignment.suites) {
      entry.second.push_back(suite->suite.id);
    }
  }
  return ids;
}

std::unique_ptr<meters::RequestCosting> MakeCosting(const meters::ModelCatalog* catalog,
                                                    const config::AdapterConfig& config) {
  return std::make_unique<meters::RequestCosting>(catalog, config.model, meters::CatalogProviderFor(config.kind, config.preset),
                                                  ReachesVendorApi(config));
}

std::optional<meters::ModelCatalog> LoadShippedCatalog(core::Diagnostics& diagnostics) {
  // Read once per process: a run needs it before and after the requests.
  struct Shipped {
    std::optional<meters::ModelCatalog> catalog;
    core::Diagnostics diagnostics;
  };
  static const Shipped shipped = [] {
    const auto folder = std::filesystem::path(DataRoot()) / "adapters" / "catalog";
    const auto models_path = (folder / "models.yaml").string();
    const auto mixes_path = (folder / "electricity_mixes.yaml").string();
    Shipped loaded;
    // The build's compiled form, when it was compiled from these very files.
    if (const auto digest = meters::CatalogSourceDigest(models_path, mixes_path)) {
      loaded.catalog = meters::ReadCompiledCatalog(kCompiledCatalogPath, *digest);
    }
    if (!loaded.catalog) {
      loaded.catalog = meters::ModelCatalog::Load(models_path, mixes_path, loaded.diagnostics);
    }
    return loaded;
  }();
  diagnostics.insert(diagnostics.end(), shipped.diagnostics.begin(), shipped.diagnostics.end());
  return shipped.catalog;
}

std::optional<LoadedPlan> LoadPlanForRun(const std::string& plan_path, const PlanSelection& selection,
                                         core::Diagnostics& diagnostics) {
  // The catalog's YAML and the datasets' check are most of a run's set-up
  // time, and independent: the catalog is read on a second core meanwhile.
  auto catalog_loading = std::async(std::launch::async, [] {
    core::Diagnostics problems;
    auto catalog = LoadShippedCatalog(problems);
    return std::make_pair(std::move(catalog), std::move(problems));
  });
  auto loaded_plan = config::LoadPlan(plan_path, DefaultSuitesDir(plan_path));
  diagnostics.insert(diagnostics.end(), loaded_plan.diagnostics.begin(), loaded_plan.diagnostics.end());
  if (!loaded_plan.plan) {
    return std::nullopt;
  }
  LoadedPlan loaded;
  loaded.plan = std::move(*loaded_plan.plan);
  auto& plan = loaded.plan;
  if (selection.concurrency) {
    plan.concurrency = *selection.concurrency;
  }
  const std::size_t first_problem = diagnostics.size();

  std::vector<std::string> adapter_ids;
  for (const auto& adapter : plan.adapters) {
    adapter_ids.push_back(adapter.id);
  }
  CheckSelection(selection.adapter_ids, adapter_ids, "adapters", diagnostics);
  CheckSelection(selection.suite_ids, plan.suites, "suites", diagnostics);

  for (const auto& config : plan.adapters) {
    if (!Selected(selection.adapter_ids, config.id)) {
      continue;
    }
    const adapters::AdapterContext context{plan.path, config.concurrency.value_or(plan.concurrency),
                                           plan.request_timeout_s, static_cast<std::uint64_t>(plan.seed)};
    // Built even when skipped for a missing variable, so a typo in its options still fails validation.
    auto adapter = adapters::MakeAdapter(config, context, diagnostics);
    if (!config.when_env.empty()) {
      const char* value = std::getenv(config.when_env.c_str());
      if (value == nullptr || *value == '\0') {
        loaded.skipped.push_back({config.id, fmt::format("{} is not set", config.when_env)});
        continue;
      }
    }
    if (adapter) {
      loaded.adapter_configs.push_back(config);
      loaded.adapters.push_back(std::move(adapter));
    }
  }

  std::vector<std::string> suite_ids;
  for (const auto& id : plan.suites) {
    if (Selected(selection.suite_ids, id)) {
      suite_ids.push_back(id);
    }
  }
  loaded.suites = run::PrepareSuites(plan, suite_ids, diagnostics);
  auto [catalog, catalog_problems] = catalog_loading.get();
  diagnostics.insert(diagnostics.end(), catalog_problems.begin(), catalog_problems.end());
  if (catalog) {
    loaded.catalog = std::make_unique<meters::ModelCatalog>(std::move(*catalog));
  }
  for (const auto& config : loaded.adapter_configs) {
    auto costing = MakeCosting(loaded.catalog.get(), config);
    if (const auto reason = costing->MissingPriceReason(); !reason.empty()) {
      loaded.warnings.push_back(fmt::format("adapter '{}': {}", config.id, reason));
    }
    loaded.costings.push_back(std::move(costing));
  }
  if (diagnostics.size() != first_problem) {
    return std::nullopt;
  }
  return loaded;
}

}  // namespace etalon::cli
