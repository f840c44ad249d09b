// plans/offers-simulated.yaml ready to run: its two simulators (the precise
// and the fast offer, configs and answer scripts as shipped in plans/)
// started on ephemeral loopback ports, and the plan rewritten to reach them.
#pragma once

#include <string>

#include "support/simulator_process.hpp"
#include "support/temp_dir.hpp"

namespace etalon::testing {

class SimulatedOffers {
 public:
  // Writes the plan into `dir` as offers-simulated.yaml.
  explicit SimulatedOffers(const TempDir& dir);

  const std::string& plan() const { return plan_; }

 private:
  SimulatorProcess precise_;
  SimulatorProcess fast_;
  std::string plan_;
};

}  // namespace etalon::testing
