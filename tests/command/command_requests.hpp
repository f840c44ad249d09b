// Builds `command` adapters through the registry and asks them one request,
// as the runner does, for the tests in this folder.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "etalon/core/adapter.hpp"
#include "etalon/core/diagnostic.hpp"

namespace etalon::testing {

// The adapter for plan entry "x" (line 7 of plan.yaml, concurrency 2), or nullptr with `diagnostics`.
std::unique_ptr<core::Adapter> MakeCommandAdapter(const nlohmann::json& options, core::Diagnostics& diagnostics,
                                                  const std::string& preset = "");

// Issues one request and waits for its response.
core::Response Ask(core::Adapter& adapter, const nlohmann::json& fields, const std::string& prompt = "",
                   const std::string& dataset_dir = "");

}  // namespace etalon::testing
