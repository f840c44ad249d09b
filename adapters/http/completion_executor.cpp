#include "http/completion_executor.hpp"

namespace etalon::adapters::http {

CompletionExecutor::CompletionExecutor() : thread_([this] { Run(); }) {}

CompletionExecutor::~CompletionExecutor() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void CompletionExecutor::Post(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void CompletionExecutor::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) {
      return;  // stopping, and nothing left to run
    }
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // captured state goes before the lock is taken again
    lock.lock();
  }
}

}  // namespace etalon::adapters::http
