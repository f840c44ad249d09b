// A simulator started in-process on an ephemeral loopback port, configured
// from YAML text, logging to a temp file; stopped when it goes out of scope.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/simulator/simulator_server.hpp"
#include "support/temp_dir.hpp"

namespace etalon::testing {

class RunningSimulator {
 public:
  // `files`: (name, content) pairs written beside the config first (answer scripts).
  explicit RunningSimulator(const std::string& yaml = "",
                            const std::vector<std::pair<std::string, std::string>>& files = {}, int threads = 1);

  std::uint16_t port() const { return server_->port(); }
  // The log once it has `count` lines (a line is written just after its
  // response, so a client may see the answer first); gives up after 10 s.
  std::vector<nlohmann::json> WaitForLog(std::size_t count) const;

 private:
  TempDir dir_;
  std::string log_path_;
  std::unique_ptr<simulator::SimulatorServer> server_;
};

}  // namespace etalon::testing
