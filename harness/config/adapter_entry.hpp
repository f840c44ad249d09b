// One adapter entry (id, kind, preset, model, options...) read from YAML.
// Private to the config loaders: a plan's `adapters` items and a judge
// file's `judge` are the same entry, read by the same function.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "etalon/config/plan.hpp"
#include "etalon/core/diagnostic.hpp"

namespace etalon::config {

// `field_path` prefixes diagnostics ("adapters[2]", "judge").
AdapterConfig ReadAdapterEntry(const YAML::Node& node, const std::string& file, const std::string& field_path,
                               core::Diagnostics& diagnostics);

}  // namespace etalon::config
