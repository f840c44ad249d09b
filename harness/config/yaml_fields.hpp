// Reads typed fields out of a YAML mapping while collecting located
// diagnostics (file:line, dotted field path). Private to the config loaders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "etalon/core/diagnostic.hpp"

namespace etalon::config {

// 1-based line of a node (yaml-cpp marks are 0-based).
std::size_t LineOf(const YAML::Node& node);

// A YAML tree as JSON, scalars typed the way YAML 1.2's core schema reads them
// (true/false, integers, floats, null, else strings). Used to record a file as written.
nlohmann::json YamlToJson(const YAML::Node& node);

class YamlFields {
 public:
  YamlFields(const YAML::Node& mapping, std::string file, std::string path_prefix, core::Diagnostics& diagnostics);

  bool Has(const std::string& key) const;
  YAML::Node Node(const std::string& key) const;
  std::size_t Line(const std::string& key) const;  // the key's line, or the mapping's when absent

  std::optional<std::string> String(const std::string& key, bool required);
  std::optional<std::int64_t> Integer(const std::string& key, std::int64_t min, std::int64_t max);
  std::optional<double> Number(const std::string& key, double min, double max);
  std::optional<bool> Boolean(const std::string& key);
  // A scalar or a sequence of scalars, as a list.
  std::optional<std::vector<std::string>> StringList(const std::string& key, bool required);

  // Reports every key not in `allowed` (a typo must not be silently ignored).
  void RejectUnknown(const std::vector<std::string>& allowed);

  void Report(const std::string& key, const std::string& message);
  void ReportAt(std::size_t line, const std::string& field, const std::string& message);
  std::string FieldPath(const std::string& key) const;

 private:
  YAML::Node mapping_;
  std::string file_;
  std::string prefix_;
  core::Diagnostics& diagnostics_;
};

// Parses `path` as YAML. On failure adds a diagnostic and returns std::nullopt.
std::optional<YAML::Node> LoadYamlFile(const std::string& path, core::Diagnostics& diagnostics);

}  // namespace etalon::config
