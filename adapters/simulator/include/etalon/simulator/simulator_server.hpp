// The simulator's HTTP/1.1 server, bound to 127.0.0.1 only. Construction
// binds (port 0: an ephemeral port); Start() runs the io threads; Stop()
// closes everything and joins them. Safe to Stop() from any thread but the
// io threads; the destructor stops.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "etalon/simulator/simulator_config.hpp"

namespace etalon::simulator {

struct ServerOptions {
  std::uint16_t port = 0;
  int threads = 1;
  std::string log_path;  // JSONL, one line per request; empty: no log
};

class SimulatorServer {
 public:
  // Throws std::runtime_error when the port cannot be bound or the log opened.
  SimulatorServer(SimulatorConfig config, ServerOptions options);
  ~SimulatorServer();
  SimulatorServer(const SimulatorServer&) = delete;
  SimulatorServer& operator=(const SimulatorServer&) = delete;

  std::uint16_t port() const;
  void Start();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace etalon::simulator
