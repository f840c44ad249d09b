#include "simulate_command.hpp"

#include <pthread.h>
#include <signal.h>

#include <iostream>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/simulator/simulator_server.hpp"
#include "exit_codes.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon simulate [--port P] [--config FILE] [--log FILE] [--port-file FILE] [--threads N]\n"
    "Serves simulated OpenAI- and Anthropic-style endpoints on 127.0.0.1 for tests and benchmarks,\n"
    "with scripted answers, latency profiles and injected faults (see docs/simulator.md).\n"
    "Prints `listening on 127.0.0.1:PORT` once bound; stops on SIGINT or SIGTERM.";

}  // namespace

int RunSimulateCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon simulate options");
  // --port: 0 picks a free ephemeral port (printed, and written to --port-file)
  options.add_options()("help,h", "show this help")("port", po::value<int>()->default_value(0),
                                                     "TCP port on 127.0.0.1; 0 picks a free one")(
      "config", po::value<std::string>(), "simulator YAML file (defaults: echo answers, 5 ms TTFT, 1 ms ITL)")(
      "log", po::value<std::string>(), "JSONL file: one line per request, appended")(
      "port-file", po::value<std::string>(), "file to write the bound port to, once listening")(
      "threads", po::value<int>()->default_value(1), "io threads (1 to 64)");
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, po::positional_options_description(), args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const int port = (*values)["port"].as<int>();
  const int threads = (*values)["threads"].as<int>();
  if (port < 0 || port > 65535 || threads < 1 || threads > 64) {
    std::cerr << "etalon: --port must be 0 to 65535 and --threads 1 to 64\n" << kUsage << "\n";
    return kExitInputError;
  }
  simulator::SimulatorConfig config;
  if (values->count("config") > 0) {
    core::Diagnostics diagnostics;
    config = simulator::LoadSimulatorConfig((*values)["config"].as<std::string>(), diagnostics);
    if (!diagnostics.empty()) {
      for (const auto& diagnostic : diagnostics) {
        std::cerr << diagnostic.ToString() << "\n";
      }
      return kExitInputError;
    }
  }
  simulator::ServerOptions server_options;
  server_options.port = static_cast<std::uint16_t>(port);
  server_options.threads = threads;
  if (values->count("log") > 0) {
    server_options.log_path = (*values)["log"].as<std::string>();
  }

  // Blocked before the io threads exist, so they inherit the mask and this thread alone takes the signal.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<simulator::SimulatorServer> server;
  try {
    server = std::make_unique<simulator::SimulatorServer>(config, server_options);
  } catch (const std::runtime_error& error) {
    std::cerr << "etalon: " << error.what() << "\n";
    return kExitInputError;
  }
  server->Start();
  if (values->count("port-file") > 0) {
    core::WriteFileAtomically((*values)["port-file"].as<std::string>(), std::to_string(server->port()) + "\n");
  }
  std::cout << "listening on 127.0.0.1:" << server->port() << std::endl;  // flushed: a parent waits for it

  int received = 0;
  sigwait(&stop_signals, &received);
  server->Stop();
  return kExitSuccess;
}

}  // namespace etalon::cli
