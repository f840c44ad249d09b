// The `generation` mapping (temperature, top_p, max_tokens, seed, stop),
// shared by suites and judge rubrics. Private to the config loaders.
#pragma once

#include <string>

#include "config/yaml_fields.hpp"
#include "etalon/core/diagnostic.hpp"
#include "etalon/core/request.hpp"

namespace etalon::config {

// Reads `generation` from the mapping behind `parent_fields` into `generation`, when present.
void ReadGeneration(YamlFields& parent_fields, const std::string& file, core::GenerationSettings& generation,
                    core::Diagnostics& diagnostics);

}  // namespace etalon::config
