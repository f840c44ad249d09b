#include "simulator/running_simulator.hpp"

#include <chrono>
#include <fstream>
#include <thread>
#include <stdexcept>

namespace etalon::testing {

RunningSimulator::RunningSimulator(const std::string& yaml,
                                   const std::vector<std::pair<std::string, std::string>>& files, int threads)
    : log_path_(dir_.Path("simulator.jsonl")) {
  for (const auto& [name, content] : files) {
    dir_.Write(name, content);
  }
  simulator::SimulatorConfig config;
  if (!yaml.empty()) {
    core::Diagnostics diagnostics;
    config = simulator::LoadSimulatorConfig(dir_.Write("simulator.yaml", yaml), diagnostics);
    if (!diagnostics.empty()) {
      throw core::InputError(diagnostics);
    }
  }
  server_ = std::make_unique<simulator::SimulatorServer>(config, simulator::ServerOptions{0, threads, log_path_});
  server_->Start();
}

std::vector<nlohmann::json> RunningSimulator::WaitForLog(std::size_t count) const {
  constexpr auto kPoll = std::chrono::milliseconds(10);
  constexpr int kPolls = 1000;
  std::vector<nlohmann::json> lines;
  for (int poll = 0; poll < kPolls; ++poll) {
    lines.clear();
    std::ifstream in(log_path_);
    std::string line;
    while (std::getline(in, line)) {
      lines.push_back(nlohmann::json::parse(line));
    }
    if (lines.size() >= count) {
      break;
    }
    std::this_thread::sleep_for(kPoll);
  }
  return lines;
}

}  // namespace etalon::testing
