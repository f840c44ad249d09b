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
  // Woken by a first task, the thread waits `gathering` for others, or for a
  // full batch, and runs them together: one wake-up per batch rather than
  // one per answer. Only the recording of an answer waits: the next request
  // left when its last byte arrived (core::Request::on_answered).
  explicit CompletionExecutor(std::chrono::milliseconds gathering = std::chrono::milliseconds(2));
  // Runs every task already posted, then stops the thread.
  ~CompletionExecutor();
  CompletionExecutor(const CompletionExecutor&) = delete;
  CompletionExecutor& operator=(const CompletionExecutor&) = delete;

  // Thread-safe; never blocks for long. `last`: no other task is expected
  // soon (nothing else in flight), so the gathering ends at once.
  void Post(std::function<void()> task, bool last = false);

 private:
  static constexpr std::size_t kBatch = 64;

  void Run();

  const std::chrono::milliseconds gathering_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool flush_ = false;  // a `last` task arrived: run the batch without waiting
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace etalon::adapters::http
