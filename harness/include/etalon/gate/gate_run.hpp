// One side of a gate: a finished run folder (summary.json plus results.jsonl,
// which the paired tests need) or a lone summary.json.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace etalon::gate {

// Bad gate input (missing file, a policy that names what the runs lack): exit code 2.
class GateInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GateRun {
  std::string source;                       // as given on the command line
  nlohmann::json summary;
  std::optional<std::string> results_path;  // set when a run folder was given
};

// `path` is a run folder or a summary.json file. Throws GateInputError.
GateRun LoadGateRun(const std::string& path);

}  // namespace etalon::gate
