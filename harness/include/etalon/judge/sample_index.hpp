// The samples of the suites being judged, read back from the datasets a run
// recorded in summary.json (path and sha256), so a rubric can show the
// question and the reference beside the answer. A dataset that moved or
// changed since the run is refused: the judge would see other questions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/diagnostic.hpp"
#include "etalon/core/sample.hpp"

namespace etalon::judge {

struct SuiteSamples {
  std::string dataset_dir;
  std::map<std::string, core::Sample> by_id;
};

// suite id -> its samples
using SampleIndex = std::map<std::string, SuiteSamples>;

// `summary` is the run's summary.json; `suites` the suite ids to load.
SampleIndex LoadSampleIndex(const nlohmann::json& summary, const std::vector<std::string>& suites,
                            const std::string& summary_path, core::Diagnostics& diagnostics);

}  // namespace etalon::judge
