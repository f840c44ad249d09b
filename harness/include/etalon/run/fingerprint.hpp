// What a run's results depend on, stored in run.json when the run starts:
// the plan's result-shaping settings, each adapter's configuration, each
// suite as written, each dataset's and few-shot file's sha256. `--resume`
// refuses to continue when a component shared by the stored and the current
// run differs, and names the field; components of adapters or suites that
// only one side selected are not compared (a resume may add or drop some).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/run/prepared_suite.hpp"

namespace etalon::run {

struct Fingerprint {
  nlohmann::json components;  // {"plan": {...}, "adapters": {id: ...}, "suites": {id: ...}, "datasets": {id: sha}}
  std::string sha256;         // of the canonical dump of `components`
};

Fingerprint ComputeFingerprint(const config::Plan& plan, const std::vector<config::AdapterConfig>& adapters,
                               const std::vector<std::unique_ptr<PreparedSuite>>& suites);

// std::nullopt when compatible, else "field 'adapters.lead3.options.sentences' changed (was 3, now 2)".
std::optional<std::string> FingerprintDifference(const nlohmann::json& stored, const nlohmann::json& current);

// The union of both sides' components, current values winning: what run.json keeps after a resume.
nlohmann::json MergeComponents(const nlohmann::json& stored, const nlohmann::json& current);

}  // namespace etalon::run
