#include "etalon/gate/gate_run.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace etalon::gate {

namespace fs = std::filesystem;

GateRun LoadGateRun(const std::string& path) {
  GateRun run;
  run.source = path;
  std::error_code error;
  fs::path summary_path(path);
  if (fs::is_directory(path, error)) {
    summary_path /= "summary.json";
    const auto results = fs::path(path) / "results.jsonl";
    if (fs::exists(results, error)) {
      run.results_path = results.string();
    }
  }
  std::ifstream in(summary_path);
  if (!in) {
    throw GateInputError(fmt::format("{}: cannot read (give a finished run folder or its summary.json)",
                                     summary_path.string()));
  }
  try {
    run.summary = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& parse_error) {
    throw GateInputError(fmt::format("{}: not a summary: {}", summary_path.string(), parse_error.what()));
  }
  if (!run.summary.is_object() || !run.summary.contains("results") || !run.summary.contains("run")) {
    throw GateInputError(fmt::format("{}: not an etalon summary (no run or results)", summary_path.string()));
  }
  return run;
}

}  // namespace etalon::gate
