// Tests for adapters/http/completion_executor.cpp: every task runs once, in
// order, off the poster's thread, and tasks are gathered into batches.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <optional>
#include <mutex>
#include <thread>
#include <vector>

#include "http/completion_executor.hpp"

using etalon::adapters::http::CompletionExecutor;
using Clock = std::chrono::steady_clock;

TEST_CASE("Completion executor: every task runs once, in order, off the poster's thread, queued ones before it stops",
          "[loop]") {
  std::mutex mutex;
  std::vector<int> ran;
  std::vector<std::thread::id> threads;
  {
    CompletionExecutor executor;
    for (int i = 0; i < 200; ++i) {
      executor.Post([&, i] {
        const std::lock_guard lock(mutex);
        ran.push_back(i);
        threads.push_back(std::this_thread::get_id());
      });
    }
  }  // destroyed with tasks still queued: they run first
  REQUIRE(ran.size() == 200);
  for (int i = 0; i < 200; ++i) {
    CHECK(ran[static_cast<std::size_t>(i)] == i);
  }
  for (const auto& thread : threads) {
    CHECK(thread == threads.front());
    CHECK(thread != std::this_thread::get_id());
  }
}

TEST_CASE("Completion executor: a lone task waits for others to gather before it runs", "[loop]") {
  CompletionExecutor executor;
  std::mutex mutex;
  std::optional<Clock::time_point> ran_at;
  const auto posted_at = Clock::now();
  executor.Post([&] {
    const std::lock_guard lock(mutex);
    ran_at = Clock::now();
  });
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const std::lock_guard lock(mutex);
    if (ran_at) {
      break;
    }
  }
  // One wake-up serves the answers of a moment, not each one.
  CHECK(*ran_at - posted_at >= std::chrono::milliseconds(2));
}

TEST_CASE("Completion executor: a task posted as the last one ends the gathering at once", "[loop]") {
  // An hour's gathering: only the flush of a last task lets these run.
  CompletionExecutor executor(std::chrono::hours(1));
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<int> ran;
  auto task = [&](int id) {
    return [&, id] {
      const std::lock_guard lock(mutex);
      ran.push_back(id);
      changed.notify_all();
    };
  };
  executor.Post(task(1));
  executor.Post(task(2), true);
  std::unique_lock lock(mutex);
  REQUIRE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return ran.size() == 2; }));
  CHECK(ran == std::vector<int>{1, 2});
}
