// The real `etalon simulate` binary on an ephemeral loopback port, started
// for one test and stopped (SIGTERM) when the object goes: so HTTP adapters
// are proven over real sockets against a server in another process.
#pragma once

#include <sys/types.h>

#include <string>

#include "support/temp_dir.hpp"

namespace etalon::testing {

class SimulatorProcess {
 public:
  // `config_yaml` is written to a file of its own; the server logs every request to log_path().
  explicit SimulatorProcess(const std::string& config_yaml);
  ~SimulatorProcess();
  SimulatorProcess(const SimulatorProcess&) = delete;
  SimulatorProcess& operator=(const SimulatorProcess&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // http://127.0.0.1:PORT/v1
  const std::string& log_path() const { return log_path_; }

 private:
  TempDir dir_;
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace etalon::testing
