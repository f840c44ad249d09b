// One thread that runs completion work handed over by the HTTP loop, so
// parsing and the runner's scoring never stall the sockets.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace etalon::adapters::http {

class CompletionExecutor {
 public:
  CompletionExecutor();
  // Runs every task already posted, then stops the thread.
  ~CompletionExecutor();
  CompletionExecutor(const CompletionExecutor&) = delete;
  CompletionExecutor& operator=(const CompletionExecutor&) = delete;

  // Thread-safe; never blocks for long.
  void Post(std::function<void()> task);

 private:
  // Woken by a first task, the thread waits this long for others, or for a
  // full batch, and runs them together: one wake-up per batch rather than
  // one per answer. Only the recording of an answer waits: the next request
  // left when its last byte arrived (core::Request::on_answered).
  static constexpr auto kGathering = std::chrono::milliseconds(2);
  static constexpr std::size_t kBatch = 64;

  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace etalon::adapters::http
