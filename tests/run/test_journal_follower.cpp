// Tests for harness/run/journal_follower.cpp: every line visited once, whole
// and in order, whether written before the follower started, while it runs,
// in pieces, or just before Finish; errors come back through Finish.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "etalon/run/journal_follower.hpp"
#include "support/temp_dir.hpp"
#include "support/thread_names.hpp"

using etalon::run::JournalFollower;

namespace {

// Appends text as a writer would: flushed at once.
void Append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
}

// The visits a follower made, which a test can wait for.
struct Seen {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<std::string, std::size_t>> lines;

  JournalFollower::Visit Visitor() {
    return [this](const std::string& line, std::size_t number) {
      const std::lock_guard lock(mutex);
      lines.emplace_back(line, number);
      changed.notify_all();
    };
  }
  // True once `count` lines were visited; false after a long wait, which
  // only a follower that never reads can cause.
  bool WaitFor(std::size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(20), [&] { return lines.size() >= count; });
  }
};

}  // namespace

TEST_CASE("Journal follower: lines already there and lines written while it runs, in order", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  Seen seen;
  JournalFollower follower(path, seen.Visitor());
  follower.Start();
  REQUIRE(seen.WaitFor(2));  // read on the follower's thread, before any Finish
  CHECK(etalon::testing::ThreadNamedSoon("etalon-summary"));
  Append(path, "{\"n\":3}\n");
  REQUIRE(seen.WaitFor(3));
  Append(path, "{\"n\":4}\n{\"n\":5}");  // the last line not yet terminated
  follower.Finish();
  const std::vector<std::pair<std::string, std::size_t>> expected = {
      {"{\"n\":1}", 1}, {"{\"n\":2}", 2}, {"{\"n\":3}", 3}, {"{\"n\":4}", 4}, {"{\"n\":5}", 5}};
  CHECK(seen.lines == expected);
}

TEST_CASE("Journal follower: a line written in pieces is visited once, whole", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "");
  const std::string line = R"({"adapter":"a","output":"une réponse assez longue pour être coupée"})";
  Seen seen;
  JournalFollower follower(path, seen.Visitor());
  follower.Start();
  for (std::size_t at = 0; at < line.size(); at += 7) {
    Append(path, line.substr(at, 7));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // lets the follower meet the partial line
  }
  Append(path, "\n");
  REQUIRE(seen.WaitFor(1));
  follower.Finish();
  REQUIRE(seen.lines.size() == 1);
  CHECK(seen.lines[0].first == line);
  CHECK(seen.lines[0].second == 1);
}

TEST_CASE("Journal follower: empty lines are counted but not visited, and a CR before LF is dropped",
          "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "{\"n\":1}\r\n\n{\"n\":3}\n\n");
  Seen seen;
  JournalFollower follower(path, seen.Visitor());
  follower.Finish();
  const std::vector<std::pair<std::string, std::size_t>> expected = {{"{\"n\":1}", 1}, {"{\"n\":3}", 3}};
  CHECK(seen.lines == expected);
}

TEST_CASE("Journal follower: a visit that throws stops it, and Finish rethrows", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "good\nbad\nafter\n");
  std::vector<std::string> visited;
  JournalFollower follower(path, [&visited](const std::string& line, std::size_t number) {
    if (line == "bad") throw std::runtime_error("results.jsonl:" + std::to_string(number) + ": not a result line");
    visited.push_back(line);
  });
  CHECK_THROWS_WITH(follower.Finish(), "results.jsonl:2: not a result line");
  CHECK(visited == std::vector<std::string>{"good"});
}

TEST_CASE("Journal follower: a missing journal is an error naming it", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Path("none.jsonl");
  CHECK_THROWS_WITH(JournalFollower(path, [](const std::string&, std::size_t) {}),
                    Catch::Contains(path) && Catch::Contains("cannot read"));
}

TEST_CASE("Journal follower: destroyed without Finish, it stops and visits nothing more", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "{\"n\":1}\n");
  Seen seen;
  {
    JournalFollower follower(path, seen.Visitor());
    follower.Start();
    REQUIRE(seen.WaitFor(1));
  }
  Append(path, "{\"n\":2}\n");
  CHECK(seen.lines.size() == 1);
}

TEST_CASE("Journal follower: nothing is read before Start, and Finish alone reads everything", "[run][follower]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "{\"n\":1}\n");
  std::vector<std::size_t> numbers;
  JournalFollower follower(path, [&numbers](const std::string&, std::size_t number) { numbers.push_back(number); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // time a started follower would use
  CHECK(numbers.empty());
  Append(path, "{\"n\":2}\n");
  follower.Finish();
  CHECK(numbers == std::vector<std::size_t>{1, 2});
  follower.Start();  // after Finish: nothing more
  CHECK(numbers.size() == 2);
}
