// One run folder given to `etalon compare`: its summary.json, the suites as
// written from its run.json (a corpus metric's parameters are needed to
// recompute its figure), and the path of its results.jsonl, which the
// comparison streams.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace etalon::compare {

// Bad compare input (a missing file, a field of the wrong type): exit code 2.
// The message names the file and the field.
class CompareInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CompareRun {
  std::string source;       // as given on the command line
  std::string folder_name;  // the folder's own name, to tell offers apart
  nlohmann::json summary;
  nlohmann::json suites_as_written;  // run.json components.suites: suite id -> suite file as JSON
  std::string results_path;
};

// `folder` is a finished run folder. Throws CompareInputError.
CompareRun LoadCompareRun(const std::string& folder);
// The same with the summary given rather than read: a run's reports are
// written before its summary.json, whose presence marks a finished run.
CompareRun LoadCompareRun(const std::string& folder, nlohmann::json summary);

}  // namespace etalon::compare
