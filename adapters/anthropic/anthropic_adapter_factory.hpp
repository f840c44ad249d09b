// Builds an `anthropic` adapter from a plan entry: key, version header, HTTP settings.
#pragma once

#include <memory>
#include <string>

#include "adapter_options.hpp"
#include "etalon/adapters/adapter_registry.hpp"

namespace etalon::adapters::anthropic {

// How the options read in `etalon list adapters`.
std::string AnthropicOptionsHelp();

std::unique_ptr<core::Adapter> MakeAnthropicAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                    AdapterOptions& options);

}  // namespace etalon::adapters::anthropic
