// Tests for adapters/command/child_process.cpp: large input and output at
// once without deadlock, a program that never reads its input, environment
// overrides, and finding programs on PATH.
#include <catch2/catch.hpp>
#include <chrono>

#include "command/child_process.hpp"
#include "support/temp_dir.hpp"

using etalon::adapters::ChildProcess;
using etalon::adapters::FindExecutable;
using etalon::adapters::PumpResult;

namespace {

std::string Executable(const std::string& name) {
  std::string problem;
  auto path = FindExecutable(name, problem);
  INFO(problem);
  REQUIRE_FALSE(path.empty());
  return path;
}

auto Deadline() { return std::chrono::steady_clock::now() + std::chrono::seconds(20); }

}  // namespace

TEST_CASE("Megabytes go in and come out at the same time without a deadlock", "[command]") {
  std::string error;
  auto child = ChildProcess::Start(Executable("cat"), {"cat"}, {}, true, error);
  REQUIRE(child);
  // Far more than a pipe holds (64 KiB): cat blocks on its output unless we read while we write.
  std::string input;
  for (int i = 0; input.size() < (4u << 20); ++i) {
    input += "ligne " + std::to_string(i) + " é\n";
  }
  std::string output;
  CHECK(child->RunToExit(input, Deadline(), output) == PumpResult::kDone);
  CHECK(output == input);
  const auto exit = child->Reap();
  CHECK(exit.exit_code == 0);
}

TEST_CASE("A program that never reads its input is not an error, and the harness survives SIGPIPE", "[command]") {
  std::string error;
  auto child = ChildProcess::Start(Executable("echo"), {"echo", "réponse"}, {}, true, error);
  REQUIRE(child);
  std::string output;
  CHECK(child->RunToExit(std::string(1u << 20, 'x'), Deadline(), output) == PumpResult::kDone);
  CHECK(output == "réponse\n");
  CHECK(child->Reap().exit_code == 0);
}

TEST_CASE("Environment overrides replace inherited variables", "[command]") {
  std::string error;
  auto child = ChildProcess::Start(Executable("sh"), {"sh", "-c", "printf '%s|%s' \"$HOME\" \"$ETALON_TEST_VALUE\""},
                                   {"HOME=/nulle-part", "ETALON_TEST_VALUE=a b;c"}, false, error);
  REQUIRE(child);
  std::string output;
  CHECK(child->RunToExit({}, Deadline(), output) == PumpResult::kDone);
  CHECK(output == "/nulle-part|a b;c");
  child->Reap();
}

TEST_CASE("Programs are found on PATH or by their path, and a missing one is named", "[command]") {
  std::string problem;
  CHECK(FindExecutable("/bin/sh", problem) == "/bin/sh");
  CHECK_FALSE(FindExecutable("sh", problem).empty());
  CHECK(FindExecutable("etalon-no-such-program", problem).empty());
  CHECK(problem == "program 'etalon-no-such-program' is not on PATH");
  etalon::testing::TempDir dir;
  const auto text_file = dir.Write("notes.txt", "pas un programme\n");
  CHECK(FindExecutable(text_file, problem).empty());
  CHECK(problem == "program '" + text_file + "' is not an executable file");
}
