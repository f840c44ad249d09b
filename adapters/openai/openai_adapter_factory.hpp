// Builds an `openai` adapter from a plan entry: preset, endpoint, key, HTTP settings.
#pragma once

#include <memory>
#include <string>

#include "adapter_options.hpp"
#include "etalon/adapters/adapter_registry.hpp"

namespace etalon::adapters::openai {

// How the options read in `etalon list adapters`.
std::string OpenAiOptionsHelp();

std::unique_ptr<core::Adapter> MakeOpenAiAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                 AdapterOptions& options);

}  // namespace etalon::adapters::openai
