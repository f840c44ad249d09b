#include "etalon/judge/sample_index.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "etalon/core/sha256.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"

namespace etalon::judge {

SampleIndex LoadSampleIndex(const nlohmann::json& summary, const std::vector<std::string>& suites,
                            const std::string& summary_path, core::Diagnostics& diagnostics) {
  SampleIndex index;
  const auto run_suites = summary.find("suites");
  for (const auto& id : suites) {
    const nlohmann::json* entry = nullptr;
    if (run_suites != summary.end() && run_suites->is_array()) {
      for (const auto& suite : *run_suites) {
        if (suite.value("id", "") == id) {
          entry = &suite;
        }
      }
    }
    if (entry == nullptr || !entry->contains("dataset")) {
      diagnostics.push_back({summary_path, 0, "suites", fmt::format("suite '{}' is not in the run", id)});
      continue;
    }
    const auto path = (*entry)["dataset"].value("path", "");
    const auto recorded = (*entry)["dataset"].value("sha256", "");
    if (!std::filesystem::is_regular_file(path)) {
      diagnostics.push_back({path, 0, "dataset",
                             fmt::format("suite '{}': the run's dataset is not there any more", id)});
      continue;
    }
    if (core::Sha256HexOfFile(path).value_or("") != recorded) {
      diagnostics.push_back({path, 0, "dataset",
                             fmt::format("suite '{}': the dataset changed since the run (sha256 differs)", id)});
      continue;
    }
    auto& samples = index[id];
    samples.dataset_dir = std::filesystem::path(path).parent_path().string();
    dataset::JsonlDataset reader(path);
    core::Sample sample;
    core::Diagnostic problem;
    for (auto read = reader.Next(sample, problem); read != dataset::JsonlDataset::Read::kEnd;
         read = reader.Next(sample, problem)) {
      if (read == dataset::JsonlDataset::Read::kSample) {
        samples.by_id.emplace(sample.id, sample);
      }
    }
  }
  return index;
}

}  // namespace etalon::judge
