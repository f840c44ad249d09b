// Fuzz target: a dataset file as `etalon validate` and `etalon run` check it
// (CheckDataset: line reader, JSON parsing, id rules, duplicate ids) and as
// the runner streams it again (JsonlDataset::Next).
#include <cstddef>
#include <cstdint>

#include "etalon/dataset/jsonl_dataset.hpp"
#include "scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using etalon::dataset::JsonlDataset;
  const auto path = etalon::fuzz::WriteScratchFile("data.jsonl", data, size);
  etalon::core::Diagnostics diagnostics;
  etalon::dataset::CheckDataset(path, diagnostics);
  JsonlDataset dataset(path);
  etalon::core::Sample sample;
  etalon::core::Diagnostic problem;
  while (dataset.Next(sample, problem) != JsonlDataset::Read::kEnd) {
  }
  return 0;
}
