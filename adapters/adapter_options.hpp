// Reads an adapter's `options:` mapping from the plan with located
// diagnostics (plan file, the adapter entry's line, adapters.<id>.options.<name>).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "etalon/config/plan.hpp"
#include "etalon/core/diagnostic.hpp"

namespace etalon::adapters {

class AdapterOptions {
 public:
  AdapterOptions(const config::AdapterConfig& config, std::string plan_path, core::Diagnostics& diagnostics);

  std::int64_t Integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max);
  double Number(const std::string& name, double fallback, double min, double max);
  std::string String(const std::string& name, const std::string& fallback);
  bool Boolean(const std::string& name, bool fallback);
  // A mapping of text values ({Name: value, ...}); empty when absent.
  std::vector<std::pair<std::string, std::string>> StringMap(const std::string& name);
  // Reports every option not in `known` (a typo must not be silently ignored).
  void RejectUnknown(const std::vector<std::string>& known);
  // A problem with option `name` found by the factory itself (a file it names cannot be read...).
  void Report(const std::string& name, const std::string& message);
  // A problem with a field of the entry itself ("preset", "model"), outside `options`.
  void ReportEntry(const std::string& field, const std::string& message);
  // A path option, resolved against the plan's folder; empty when absent (reported when required).
  std::string Path(const std::string& name, bool required);

 private:
  const config::AdapterConfig& config_;
  std::string plan_path_;
  core::Diagnostics& diagnostics_;
};

}  // namespace etalon::adapters
