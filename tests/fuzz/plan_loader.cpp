// Fuzz target: a plan file through LoadPlan, then the plan as written and as
// resolved, which `etalon run` writes into run.json and summary.json.
#include <cstddef>
#include <cstdint>

#include "etalon/config/plan.hpp"
#include "scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = etalon::fuzz::WriteScratchFile("plan.yaml", data, size);
  const auto loaded = etalon::config::LoadPlan(path, "suites");
  for (const auto& diagnostic : loaded.diagnostics) {
    (void)diagnostic.ToString();
  }
  if (loaded.plan) {
    (void)loaded.plan->as_written.dump();
    (void)loaded.plan->Resolved().dump();
  }
  return 0;
}
