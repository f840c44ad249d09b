// The folder of one run: run.json (fingerprint, selection, attempts),
// results.jsonl (the journal), then summary.json and reports at the end.
// summary.json is written last and removed when an attempt starts, so its
// presence is what marks a finished run.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/run/fingerprint.hpp"

namespace etalon::run {

inline constexpr int kRunRecordSchemaVersion = 1;

// A problem with the folder or a refused resume: the user's to fix (exit code 2).
class RunFolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunFolder {
 public:
  // Fresh run: the folder must not hold a run already. Resume: the stored
  // fingerprint must agree with `fingerprint` (a folder without run.json
  // starts fresh). Writes run.json. Throws RunFolderError.
  static RunFolder Open(const std::string& path, bool resume, const Fingerprint& fingerprint,
                        const nlohmann::json& selection);

  const std::string& path() const { return path_; }
  std::string results_path() const;
  std::string summary_path() const;
  std::string File(const std::string& name) const;
  bool resumed() const { return resumed_; }
  const nlohmann::json& record() const { return record_; }

 private:
  std::string path_;
  bool resumed_ = false;
  nlohmann::json record_;
};

}  // namespace etalon::run
