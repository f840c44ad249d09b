#include "etalon/run/planned_keys.hpp"

#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/run/runner.hpp"

namespace etalon::run {

void ForEachPlannedKey(const std::vector<AdapterAssignment>& assignments,
                       std::optional<std::size_t> limit, int repeats,
                       const std::function<void(const core::RunKey&)>& visit) {
  for (const auto& assignment : assignments) {
    const auto& adapter_id = assignment.adapter->Id();
    for (const auto* suite : assignment.suites) {
      dataset::JsonlDataset dataset(suite->suite.dataset_path);
      core::Sample sample;
      core::Diagnostic problem;
      std::size_t taken = 0;
      const std::size_t wanted = SamplesInRun(*suite, limit);
      while (taken < wanted) {
        const auto read = dataset.Next(sample, problem);
        if (read == dataset::JsonlDataset::Read::kEnd) {
          break;
        }
        if (read == dataset::JsonlDataset::Read::kBadLine || !suite->suite.Includes(sample)) {
          continue;  // the same rule as the runner's feeder
        }
        ++taken;
        for (int repeat = 0; repeat < repeats; ++repeat) {
          visit({adapter_id, suite->suite.id, sample.id, repeat});
        }
      }
    }
  }
}

}  // namespace etalon::run
