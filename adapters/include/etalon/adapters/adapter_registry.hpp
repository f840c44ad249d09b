// The one table of adapter kinds. A plan names a kind ("builtin:lead"); the
// registry builds the adapter, checking its options and prerequisites so a
// broken plan fails at validation, not in the middle of a run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "etalon/config/plan.hpp"
#include "etalon/core/adapter.hpp"
#include "etalon/core/diagnostic.hpp"

namespace etalon::adapters {

struct AdapterKindInfo {
  std::string kind;
  std::string description;
  std::string options;  // accepted options, for `etalon list adapters`
};

std::vector<AdapterKindInfo> ListAdapterKinds();

struct AdapterContext {
  std::string plan_path;        // for diagnostics
  std::size_t concurrency = 8;  // the plan's in-flight bound; local adapters size their pools with it
  double request_timeout_s = 120;  // the plan's per-request deadline; HTTP adapters' default total timeout
  std::uint64_t seed = 0;          // the plan's seed; HTTP adapters derive their retry-jitter seed from it
};

// Builds the adapter for one plan entry, or returns nullptr after adding
// located diagnostics (unknown kind, bad option).
std::unique_ptr<core::Adapter> MakeAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                           core::Diagnostics& diagnostics);

}  // namespace etalon::adapters
