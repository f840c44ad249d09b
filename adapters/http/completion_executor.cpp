#include "http/completion_executor.hpp"

#include "etalon/core/completion_batch.hpp"
#include "etalon/core/thread_name.hpp"

namespace etalon::adapters::http {

CompletionExecutor::CompletionExecutor(std::chrono::milliseconds gathering)
    : gathering_(gathering), thread_([this] { Run(); }) {}

CompletionExecutor::~CompletionExecutor() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void CompletionExecutor::Post(std::function<void()> task, bool last) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    flush_ = flush_ || last;
    wake = tasks_.size() == 1 || tasks_.size() == kBatch || last;
  }
  if (wake) {
    wake_.notify_one();
  }
}

void CompletionExecutor::Run() {
  core::NameThisThread("etalon-answers");
  std::unique_lock lock(mutex_);
  std::deque<std::function<void()>> batch;
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) {
      return;  // stopping, and nothing left to run
    }
    wake_.wait_for(lock, gathering_, [this] { return stopping_ || flush_ || tasks_.size() >= kBatch; });
    flush_ = false;
    batch.swap(tasks_);
    lock.unlock();
    {
      // The answers' journal lines are written once, at the batch's end.
      const core::CompletionBatch completions;
      for (auto& task : batch) {
        task();
        task = nullptr;  // captured state goes before the next task runs
      }
    }
    batch.clear();
    lock.lock();
  }
}

}  // namespace etalon::adapters::http
