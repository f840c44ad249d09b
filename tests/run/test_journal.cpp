// Tests for harness/run/journal.cpp: one line per key, resume, torn lines,
// lines written at the end of a batch of completions.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <future>
#include <thread>

#include "etalon/core/completion_batch.hpp"
#include "etalon/run/journal.hpp"
#include "support/temp_dir.hpp"

using etalon::core::RunKey;
using etalon::run::Journal;
using etalon::run::JournalError;

namespace {

nlohmann::ordered_json Record(const RunKey& key) {
  return {{"schema", 1}, {"adapter", key.adapter}, {"suite", key.suite}, {"sample", key.sample}, {"repeat", key.repeat}};
}

}  // namespace

TEST_CASE("The journal appends one line per key and refuses a second one", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  {
    Journal journal(path, false, warnings);
    const RunKey key{"a", "s", "x", 0};
    CHECK(journal.Append(key, Record(key)));
    CHECK_FALSE(journal.Append(key, Record(key)));
    CHECK(journal.Contains(key));
    CHECK_FALSE(journal.Contains({"a", "s", "x", 1}));
  }
  CHECK(etalon::testing::ReadFile(path) ==
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"x\",\"repeat\":0}\n");
}

TEST_CASE("Reopening for resume knows the keys already done", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  {
    Journal journal(path, false, warnings);
    journal.Append({"a", "s", "x", 0}, Record({"a", "s", "x", 0}));
  }
  Journal reopened(path, true, warnings);
  CHECK(warnings.empty());
  CHECK(reopened.size() == 1);
  CHECK(reopened.Contains({"a", "s", "x", 0}));
  CHECK_FALSE(reopened.Append({"a", "s", "x", 0}, Record({"a", "s", "x", 0})));
}

TEST_CASE("A journal guarding only resumed keys refuses those and counts every line", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  {
    Journal journal(path, false, warnings);
    journal.Append({"a", "s", "x", 0}, Record({"a", "s", "x", 0}));
  }
  Journal reopened(path, true, warnings, etalon::run::LineSync::kNone, etalon::run::KeyGuard::kResumedKeys);
  CHECK(reopened.Contains({"a", "s", "x", 0}));
  CHECK_FALSE(reopened.Append({"a", "s", "x", 0}, Record({"a", "s", "x", 0})));
  CHECK(reopened.Append({"a", "s", "y", 0}, Record({"a", "s", "y", 0})));
  CHECK_FALSE(reopened.Contains({"a", "s", "y", 0}));  // not held: the runner never issues it again
  CHECK(reopened.size() == 2);
}

TEST_CASE("A torn last line is cut off with a warning and its key is redone", "[run]") {
  etalon::testing::TempDir dir;
  const auto complete = Record({"a", "s", "x", 0}).dump() + "\n";
  const auto path = dir.Write("results.jsonl", complete + "{\"schema\":1,\"adapter\":\"a\",\"sui");
  std::vector<std::string> warnings;
  Journal journal(path, true, warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains(":2: torn last line"));
  CHECK(journal.size() == 1);
  CHECK(etalon::testing::ReadFile(path) == complete);
}

TEST_CASE("A damaged complete line stops the resume with its line number", "[run]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "garbage\n");
  std::vector<std::string> warnings;
  CHECK_THROWS_WITH(Journal(path, true, warnings), Catch::Contains("results.jsonl:1: not a result line"));
}

TEST_CASE("A fresh journal refuses to overwrite an existing file", "[run]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "");
  std::vector<std::string> warnings;
  CHECK_THROWS_AS(Journal(path, false, warnings), JournalError);
}

TEST_CASE("Lines appended in a batch of completions are written at its end, or by Flush", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  Journal journal(path, false, warnings);
  {
    const etalon::core::CompletionBatch batch;
    for (int repeat = 0; repeat < 3; ++repeat) {
      const RunKey key{"a", "s", "x", repeat};
      CHECK(journal.Append(key, Record(key)));
    }
    CHECK_FALSE(journal.Append({"a", "s", "x", 1}, Record({"a", "s", "x", 1})));  // accepted once, written or not
    CHECK(journal.size() == 3);
    CHECK(etalon::testing::ReadFile(path).empty());
  }
  CHECK(etalon::testing::ReadFile(path) ==
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"x\",\"repeat\":0}\n"
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"x\",\"repeat\":1}\n"
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"x\",\"repeat\":2}\n");
  {
    const etalon::core::CompletionBatch batch;
    journal.Append({"a", "s", "y", 0}, Record({"a", "s", "y", 0}));
    journal.Flush();
    CHECK(etalon::testing::ReadFile(path).find("\"y\"") != std::string::npos);
  }
}

TEST_CASE("A write that fails at a batch's end is cut back and reported by the next Append and Flush", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  Journal journal(path, false, warnings);
  const RunKey first{"a", "s", "x", 0};
  journal.Append(first, Record(first));
  const auto written = etalon::testing::ReadFile(path);
  // The file may not grow: the batch's write fails as on a full disk.
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto saved_signal = std::signal(SIGXFSZ, SIG_IGN);
  rlimit capped = saved;
  capped.rlim_cur = written.size();
  REQUIRE(setrlimit(RLIMIT_FSIZE, &capped) == 0);
  {
    const etalon::core::CompletionBatch batch;
    CHECK(journal.Append({"a", "s", "x", 1}, Record({"a", "s", "x", 1})));
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_signal);
  CHECK(etalon::testing::ReadFile(path) == written);
  CHECK(journal.size() == 1);
  CHECK_FALSE(journal.Contains({"a", "s", "x", 1}));  // its line was never written: a resume runs it again
  CHECK_THROWS_WITH(journal.Append({"a", "s", "x", 2}, Record({"a", "s", "x", 2})),
                    Catch::Contains(path + ": write failed: File too large; the results written before are intact"));
  CHECK_THROWS_AS(journal.Flush(), JournalError);
}

TEST_CASE("A line appended outside a batch is written at once, with what another thread's batch left", "[run]") {
  etalon::testing::TempDir dir;
  std::vector<std::string> warnings;
  const auto path = dir.Path("results.jsonl");
  Journal journal(path, false, warnings);
  std::promise<void> appended_in_batch;
  std::promise<void> checked;
  std::thread completions([&] {
    const etalon::core::CompletionBatch batch;
    journal.Append({"a", "s", "x", 0}, Record({"a", "s", "x", 0}));
    appended_in_batch.set_value();
    checked.get_future().wait();
  });
  appended_in_batch.get_future().wait();
  CHECK(etalon::testing::ReadFile(path).empty());
  journal.Append({"a", "s", "y", 0}, Record({"a", "s", "y", 0}));  // a timeout, say, recorded by another thread
  CHECK(etalon::testing::ReadFile(path) ==
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"x\",\"repeat\":0}\n"
        "{\"schema\":1,\"adapter\":\"a\",\"suite\":\"s\",\"sample\":\"y\",\"repeat\":0}\n");
  checked.set_value();
  completions.join();
  CHECK(journal.size() == 2);
}
