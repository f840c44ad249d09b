// One thread that runs completion work handed over by the HTTP loop, so
// parsing and the runner's scoring never stall the sockets.
#pragma once

#include <condition_variable>
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
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace etalon::adapters::http
