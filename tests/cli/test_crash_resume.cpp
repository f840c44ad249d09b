// The crash test of the foundation issue: SIGKILL `etalon run` in the middle
// of a run (builtin adapter with a delay, concurrency 8), resume until it
// finishes, and compare with an uninterrupted run: the same keys with the
// same outputs, none missing, none doubled.
#include <catch2/catch.hpp>

#include <signal.h>

#include <map>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/mini_project.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::ReadFile;

namespace {

using Outputs = std::map<std::string, std::string>;  // key -> output

Outputs ReadOutputs(const std::string& results_path, std::size_t& lines) {
  Outputs outputs;
  lines = 0;
  std::istringstream content(ReadFile(results_path));
  for (std::string line; std::getline(content, line);) {
    ++lines;
    const auto record = nlohmann::json::parse(line);
    const auto key = record["adapter"].get<std::string>() + "/" + record["suite"].get<std::string>() + "/" +
                     record["sample"].get<std::string>() + "#" + std::to_string(record["repeat"].get<int>());
    outputs[key] = record["output"].get<std::string>();
  }
  return outputs;
}

}  // namespace

TEST_CASE("A run killed at random moments and resumed equals an uninterrupted run", "[cli][crash]") {
  MiniProject project(240, "{delay_ms: 15}", 8);
  const auto reference = etalon::testing::RunEtalon({"run", project.plan, "--out", project.Out("reference"), "--quiet"});
  REQUIRE(reference.exit_code == 0);
  std::size_t reference_lines = 0;
  const auto expected = ReadOutputs(project.Out("reference") + "/results.jsonl", reference_lines);
  REQUIRE(expected.size() == 240);

  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> kill_after_ms(20, 250);
  const std::vector<std::string> args = {"run", project.plan, "--out", project.Out("crashed"), "--quiet", "--resume"};
  int kills = 0;
  int exit_code = -1;
  for (int attempt = 0; attempt < 200 && exit_code != 0; ++attempt) {
    const pid_t pid = etalon::testing::StartProcess(ETALON_BINARY, args);
    if (kills < 4) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(random)));
      if (kill(pid, SIGKILL) == 0) {
        ++kills;
      }
    }
    exit_code = etalon::testing::WaitProcess(pid);
  }
  REQUIRE(exit_code == 0);
  CHECK(kills >= 1);

  std::size_t lines = 0;
  const auto actual = ReadOutputs(project.Out("crashed") + "/results.jsonl", lines);
  CHECK(lines == expected.size());  // nothing doubled
  CHECK(actual == expected);        // nothing missing, same outputs
  const auto summary = nlohmann::json::parse(ReadFile(project.Out("crashed") + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");
  CHECK(summary["totals"]["recorded"] == 240);
}
