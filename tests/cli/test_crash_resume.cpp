// The crash tests: SIGKILL `etalon run` in the middle of a run, resume until
// it finishes, and compare with an uninterrupted run: the same keys with the
// same outputs, none missing, none doubled. Once with a builtin adapter at
// random times, once at concurrency 32 through the vendor simulator at 20
// seeded journal sizes (issue #12's crash points).
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/mini_project.hpp"
#include "support/process.hpp"
#include "support/result_lines.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::ReadFile;
using etalon::testing::ResultOutputs;

namespace {

// Counts the lines of a growing file, reading only what was appended since the last call.
class LineCounter {
 public:
  explicit LineCounter(std::string path) : path_(std::move(path)) {}

  std::size_t Count() {
    std::ifstream in(path_, std::ios::binary);
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
    if (size < offset_) {  // a resume cut off a torn last line: count again
      offset_ = 0;
      lines_ = 0;
    }
    in.seekg(static_cast<std::streamoff>(offset_));
    std::string appended(size - offset_, '\0');
    in.read(appended.data(), static_cast<std::streamsize>(appended.size()));
    appended.resize(static_cast<std::size_t>(in.gcount()));
    offset_ += appended.size();
    lines_ += static_cast<std::size_t>(std::count(appended.begin(), appended.end(), '\n'));
    return lines_;
  }

 private:
  std::string path_;
  std::size_t offset_ = 0;
  std::size_t lines_ = 0;
};

}  // namespace

TEST_CASE("A run killed at random moments and resumed equals an uninterrupted run", "[cli][crash]") {
  MiniProject project(240, "{delay_ms: 15}", 8);
  const auto reference = etalon::testing::RunEtalon({"run", project.plan, "--out", project.Out("reference"), "--quiet"});
  REQUIRE(reference.exit_code == 0);
  std::size_t reference_lines = 0;
  const auto expected = ResultOutputs(project.Out("reference") + "/results.jsonl", reference_lines);
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
  const auto actual = ResultOutputs(project.Out("crashed") + "/results.jsonl", lines);
  CHECK(lines == expected.size());  // nothing doubled
  CHECK(actual == expected);        // nothing missing, same outputs
  const auto summary = nlohmann::json::parse(ReadFile(project.Out("crashed") + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");
  CHECK(summary["totals"]["recorded"] == 240);
}

TEST_CASE("Crash points: a concurrency-32 run through the simulator, killed at 20 moments, resumes to the same journal",
          "[cli][crash][simulator]") {
  constexpr int kSamples = 1200;
  constexpr int kCrashPoints = 20;
  // Echo answers: each output is derived from its prompt, so two runs must agree exactly.
  etalon::testing::SimulatorProcess simulator(
      "model: simulated-chat\nttft: {distribution: fixed, ms: 3}\nitl: {distribution: fixed, ms: 1}\n");
  etalon::testing::SimulatedChatProject project(kSamples, simulator.base_url(), "concurrency: 32\n", "");
  const auto& environment = etalon::testing::LoopbackEnvironment();
  const auto reference = etalon::testing::RunEtalon(
      {"run", project.plan, "--out", project.dir.Path("reference"), "-q"}, environment);
  INFO(reference.err);
  REQUIRE(reference.exit_code == 0);
  std::size_t reference_lines = 0;
  const auto expected = ResultOutputs(project.dir.Path("reference/results.jsonl"), reference_lines);
  REQUIRE(expected.size() == static_cast<std::size_t>(kSamples));

  // Each moment is a journal size: kill as soon as the journal has that many
  // lines (requests are then in flight, and a line may be half written).
  std::mt19937 random(20261128);
  std::uniform_int_distribution<std::size_t> line_count(1, kSamples - 1);
  std::set<std::size_t> moments;
  while (moments.size() < kCrashPoints) {
    moments.insert(line_count(random));
  }
  const auto out = project.dir.Path("crashed");
  const auto err_path = project.dir.Path("stderr");
  const std::vector<std::string> args = {"run", project.plan, "--out", out, "-q", "--resume"};
  LineCounter journal(out + "/results.jsonl");
  int kills = 0;
  int torn_lines_cut = 0;
  std::string killed_at;
  for (const std::size_t moment : moments) {
    const pid_t pid = etalon::testing::StartProcess(ETALON_BINARY, args, "/dev/null", err_path, environment);
    std::optional<int> ended;
    while (!(ended = etalon::testing::TryWaitProcess(pid)) && journal.Count() < moment) {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    REQUIRE_FALSE(ended);  // the run cannot finish before its last line
    REQUIRE(kill(pid, SIGKILL) == 0);
    CHECK(etalon::testing::WaitProcess(pid) == -1);
    ++kills;
    killed_at += " " + std::to_string(journal.Count());
    torn_lines_cut += ReadFile(err_path).find("torn last line") != std::string::npos ? 1 : 0;
  }
  const auto finished = etalon::testing::RunEtalon(args, environment);
  INFO(finished.err);
  REQUIRE(finished.exit_code == 0);
  torn_lines_cut += finished.err.find("torn last line") != std::string::npos ? 1 : 0;
  CHECK(kills == kCrashPoints);

  std::size_t lines = 0;
  const auto actual = ResultOutputs(out + "/results.jsonl", lines);
  CHECK(lines == expected.size());  // nothing doubled
  CHECK(actual == expected);        // nothing missing, the same outputs
  const auto summary = nlohmann::json::parse(ReadFile(out + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");
  CHECK(summary["totals"]["recorded"] == kSamples);
  CHECK(summary["totals"]["failed"] == 0);
  WARN("crash points: " << kills << " SIGKILLs at journal lines" << killed_at << "; torn last lines cut at resume: "
                        << torn_lines_cut);
}
