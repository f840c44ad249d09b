// Fuzz target: a suite file through LoadSuite (YAML parsing, typed fields,
// metric specifications), then its record as written, which goes into the
// run's fingerprint as JSON. The file is named fuzzed.yaml, so a suite
// reaches the end of loading only with `id: fuzzed` (as the seeds have).
#include <cstddef>
#include <cstdint>

#include "etalon/config/suite.hpp"
#include "scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = etalon::fuzz::WriteScratchFile("fuzzed.yaml", data, size);
  const auto loaded = etalon::config::LoadSuite(path);
  for (const auto& diagnostic : loaded.diagnostics) {
    (void)diagnostic.ToString();
  }
  if (loaded.suite) {
    (void)loaded.suite->as_written.dump();
  }
  return 0;
}
