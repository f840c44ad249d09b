// Every key a run covers, in plan order, streamed from the datasets as the
// runner streams them: what a shard expects, and what a merge must find.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "etalon/core/run_key.hpp"
#include "etalon/run/runner.hpp"

namespace etalon::run {

// Calls `visit` for each (adapter, suite, sample, repeat) of the assignments
// under `limit` and `repeats`.
void ForEachPlannedKey(const std::vector<AdapterAssignment>& assignments,
                       std::optional<std::size_t> limit, int repeats,
                       const std::function<void(const core::RunKey&)>& visit);

}  // namespace etalon::run
