#include "support/simulator_process.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "support/process.hpp"

namespace etalon::testing {

SimulatorProcess::SimulatorProcess(const std::string& config_yaml) : log_path_(dir_.Path("simulator-log.jsonl")) {
  const auto config = dir_.Write("simulator.yaml", config_yaml);
  const auto port_file = dir_.Path("port");
  pid_ = StartProcess(ETALON_BINARY, {"simulate", "--port", "0", "--port-file", port_file, "--config", config, "--log",
                                      log_path_, "--threads", "2"});
  for (int poll = 0; poll < 2000 && !std::filesystem::exists(port_file); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!std::filesystem::exists(port_file)) {
    kill(pid_, SIGTERM);
    WaitProcess(pid_);
    throw std::runtime_error("etalon simulate did not start (bad config?)");
  }
  port_ = std::stoi(ReadFile(port_file));
}

SimulatorProcess::~SimulatorProcess() {
  kill(pid_, SIGTERM);
  WaitProcess(pid_);
}

std::string SimulatorProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

}  // namespace etalon::testing
