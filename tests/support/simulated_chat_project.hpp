// A temp project for runs against `etalon simulate`: `samples` short French
// questions (each prompt unique, so a result joins the simulator's log by its
// sha256), a chat suite scored by token_f1, and a plan with one openai
// adapter `sim` pointed at the simulator.
#pragma once

#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace etalon::testing {

struct SimulatedChatProject {
  TempDir dir;
  std::string plan;  // plans/p.yaml

  // `plan_extra`: top-level plan lines ("concurrency: 16\n"); `adapter_options`:
  // more entries of the adapter's options mapping, each starting with ", ".
  SimulatedChatProject(int samples, const std::string& base_url, const std::string& plan_extra,
                       const std::string& adapter_options);
};

// Loopback requests must never go through a proxy the machine may have set.
const std::vector<std::string>& LoopbackEnvironment();

}  // namespace etalon::testing
