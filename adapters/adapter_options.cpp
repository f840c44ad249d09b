#include "adapter_options.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace etalon::adapters {

AdapterOptions::AdapterOptions(const config::AdapterConfig& config, std::string plan_path,
                               core::Diagnostics& diagnostics)
    : config_(config), plan_path_(std::move(plan_path)), diagnostics_(diagnostics) {}

void AdapterOptions::Report(const std::string& name, const std::string& message) {
  diagnostics_.push_back({plan_path_, config_.line, fmt::format("adapters.{}.options.{}", config_.id, name), message});
}

void AdapterOptions::ReportEntry(const std::string& field, const std::string& message) {
  diagnostics_.push_back({plan_path_, config_.line, fmt::format("adapters.{}.{}", config_.id, field), message});
}

std::int64_t AdapterOptions::Integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                                     std::int64_t max) {
  const auto found = config_.options.find(name);
  if (found == config_.options.end()) {
    return fallback;
  }
  if (!found->is_number_integer()) {
    Report(name, "must be an integer");
    return fallback;
  }
  const auto value = found->get<std::int64_t>();
  if (value < min || value > max) {
    Report(name, fmt::format("must be between {} and {}, got {}", min, max, value));
    return fallback;
  }
  return value;
}

double AdapterOptions::Number(const std::string& name, double fallback, double min, double max) {
  const auto found = config_.options.find(name);
  if (found == config_.options.end()) {
    return fallback;
  }
  if (!found->is_number()) {
    Report(name, "must be a number");
    return fallback;
  }
  const auto value = found->get<double>();
  if (value < min || value > max) {
    Report(name, fmt::format("must be between {} and {}, got {}", min, max, value));
    return fallback;
  }
  return value;
}

std::string AdapterOptions::String(const std::string& name, const std::string& fallback) {
  const auto found = config_.options.find(name);
  if (found == config_.options.end()) {
    return fallback;
  }
  if (!found->is_string()) {
    Report(name, "must be a text value");
    return fallback;
  }
  return found->get<std::string>();
}

bool AdapterOptions::Boolean(const std::string& name, bool fallback) {
  const auto found = config_.options.find(name);
  if (found == config_.options.end()) {
    return fallback;
  }
  if (!found->is_boolean()) {
    Report(name, "must be true or false");
    return fallback;
  }
  return found->get<bool>();
}

std::vector<std::pair<std::string, std::string>> AdapterOptions::StringMap(const std::string& name) {
  std::vector<std::pair<std::string, std::string>> entries;
  const auto found = config_.options.find(name);
  if (found == config_.options.end()) {
    return entries;
  }
  if (!found->is_object()) {
    Report(name, "must be a mapping of names to text values");
    return entries;
  }
  for (const auto& [key, value] : found->items()) {
    if (!value.is_string()) {
      Report(name + "." + key, "must be a text value");
      continue;
    }
    entries.emplace_back(key, value.get<std::string>());
  }
  return entries;
}

std::string AdapterOptions::Path(const std::string& name, bool required) {
  const auto value = String(name, "");
  if (value.empty()) {
    if (required) {
      Report(name, "is required (a path relative to the plan file)");
    }
    return "";
  }
  const std::filesystem::path path(value);
  if (path.is_absolute()) {
    return value;
  }
  return (std::filesystem::path(plan_path_).parent_path() / path).lexically_normal().string();
}

void AdapterOptions::RejectUnknown(const std::vector<std::string>& known) {
  for (const auto& [name, value] : config_.options.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& option : known) {
        list += list.empty() ? option : ", " + option;
      }
      Report(name, fmt::format("unknown option for kind '{}' (known options: {})", config_.kind, list));
    }
  }
}

}  // namespace etalon::adapters
