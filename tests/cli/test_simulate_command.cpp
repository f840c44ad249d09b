// `etalon simulate` as the integrator's tests start it: the real binary on an ephemeral port.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "simulator/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::TempDir;

TEST_CASE("etalon simulate prints its port, answers, logs and stops cleanly on SIGTERM", "[cli][simulator]") {
  TempDir dir;
  const auto port_file = dir.Path("port");
  const auto out_file = dir.Path("stdout");
  const auto log_file = dir.Path("log.jsonl");
  const pid_t pid = etalon::testing::StartProcess(
      ETALON_BINARY, {"simulate", "--port", "0", "--port-file", port_file, "--log", log_file, "--threads", "2"},
      out_file);
  for (int poll = 0; poll < 1000 && !std::filesystem::exists(port_file); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(std::filesystem::exists(port_file));
  const int port = std::stoi(ReadFile(port_file));
  const auto reply = etalon::testing::Send(static_cast<std::uint16_t>(port),
                                           etalon::testing::PostJson("/v1/chat/completions",
                                                                     R"({"model": "m", "messages": [)"
                                                                     R"({"role": "user", "content": "Salut"}]})"));
  CHECK(reply.status == 200);
  CHECK(nlohmann::json::parse(reply.body)["choices"][0]["message"]["content"] == "Salut");
  for (int poll = 0; poll < 1000 && ReadFile(log_file).empty(); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGTERM);
  CHECK(etalon::testing::WaitProcess(pid) == 0);
  CHECK(ReadFile(out_file) == "listening on 127.0.0.1:" + std::to_string(port) + "\n");
  CHECK(nlohmann::json::parse(ReadFile(log_file))["endpoint"] == "/v1/chat/completions");
}

TEST_CASE("etalon simulate refuses a config whose model could pass for a vendor's", "[cli][simulator]") {
  TempDir dir;
  const auto config = dir.Write("sim.yaml", "model: gpt-4o\n");
  const auto result = etalon::testing::RunEtalon({"simulate", "--config", config});
  CHECK(result.exit_code == 2);
  CHECK(result.err == config + ":1: field 'model': 'gpt-4o' must contain 'simulated', so a simulated answer never "
                               "passes for a vendor's\n");
}
