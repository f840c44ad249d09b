// The provenance table of model fingerprints (summary.json
// `model_fingerprints`, docs/model-integrity.md), as words shared by the
// HTML and Markdown reports: one row per adapter, probed or not.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

struct TextTable {
  std::string caption;
  std::vector<std::string> headings;
  std::vector<std::vector<std::string>> rows;  // first cell: the adapter id
};

// Empty rows when the summary has no `model_fingerprints` (older runs, merged shards).
TextTable ModelFingerprintTable(const nlohmann::ordered_json& summary, Language language);

}  // namespace etalon::reports
