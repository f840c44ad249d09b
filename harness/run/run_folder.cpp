#include "etalon/run/run_folder.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "etalon/core/atomic_file.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/version.hpp"

namespace etalon::run {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRunRecordFile = "run.json";
constexpr const char* kResultsFile = "results.jsonl";
constexpr const char* kSummaryFile = "summary.json";

nlohmann::json ReadRunRecord(const std::string& path) {
  std::ifstream in(path);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw RunFolderError(fmt::format("{}: cannot resume: not a readable run record ({})", path, error.what()));
  }
}

}  // namespace

std::string RunFolder::File(const std::string& name) const { return (fs::path(path_) / name).string(); }
std::string RunFolder::results_path() const { return File(kResultsFile); }
std::string RunFolder::summary_path() const { return File(kSummaryFile); }

RunFolder RunFolder::Open(const std::string& path, bool resume, const Fingerprint& fingerprint,
                          const nlohmann::json& selection) {
  RunFolder folder;
  folder.path_ = path;
  const auto record_path = folder.File(kRunRecordFile);
  std::error_code error;
  const bool has_record = fs::exists(record_path, error);
  const bool has_results = fs::exists(folder.results_path(), error);

  if (!resume && (has_record || has_results)) {
    throw RunFolderError(fmt::format(
        "{}: this folder already holds a run; pass --resume to finish it, or choose another --out", path));
  }
  if (resume && has_results && !has_record) {
    throw RunFolderError(fmt::format("{}: cannot resume: {} is missing, so the results cannot be checked against "
                                     "this plan",
                                     path, kRunRecordFile));
  }

  if (resume && has_record) {
    folder.record_ = ReadRunRecord(record_path);
    const auto stored = folder.record_.value("components", nlohmann::json::object());
    if (const auto difference = FingerprintDifference(stored, fingerprint.components)) {
      throw RunFolderError(fmt::format("{}: cannot resume: the run's fingerprint changed: {}", record_path,
                                       *difference));
    }
    if (folder.record_.value("etalon_version", "") != kVersion) {
      throw RunFolderError(fmt::format("{}: cannot resume: started by etalon {}, this is etalon {}", record_path,
                                       folder.record_.value("etalon_version", "?"), kVersion));
    }
    folder.resumed_ = true;
    folder.record_["components"] = MergeComponents(stored, fingerprint.components);
    folder.record_["fingerprint"] = fingerprint.sha256;
    folder.record_["selection"] = selection;
    folder.record_["attempts"].push_back({{"started_at", core::NowUtc()}, {"resumed", true}});
  } else {
    fs::create_directories(path, error);
    if (error) {
      throw RunFolderError(fmt::format("{}: cannot create the output folder: {}", path, error.message()));
    }
    const auto started_at = core::NowUtc();
    folder.record_ = {{"schema", kRunRecordSchemaVersion},
                      {"etalon_version", kVersion},
                      {"git_sha", kGitSha},
                      {"started_at", started_at},
                      {"fingerprint", fingerprint.sha256},
                      {"components", fingerprint.components},
                      {"selection", selection},
                      {"attempts", nlohmann::json::array({{{"started_at", started_at}, {"resumed", false}}})}};
  }
  fs::remove(folder.summary_path(), error);
  try {
    core::WriteFileAtomically(record_path, folder.record_.dump(2) + "\n");
  } catch (const std::runtime_error& write_error) {
    throw RunFolderError(fmt::format("cannot use the output folder: {}", write_error.what()));
  }
  return folder;
}

}  // namespace etalon::run
