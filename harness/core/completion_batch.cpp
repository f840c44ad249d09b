#include "etalon/core/completion_batch.hpp"

namespace etalon::core {

namespace {

thread_local CompletionBatch* open_batch = nullptr;

}  // namespace

CompletionBatch::CompletionBatch() {
  if (open_batch == nullptr) {
    open_batch = this;
    outermost_ = true;
  }
}

CompletionBatch::~CompletionBatch() {
  if (!outermost_) {
    return;
  }
  // By index: an action that defers another extends the list.
  for (std::size_t i = 0; i < deferred_.size(); ++i) {
    auto action = std::move(deferred_[i]);
    action();
  }
  open_batch = nullptr;
}

bool CompletionBatch::IsOpen() { return open_batch != nullptr; }

bool CompletionBatch::Defer(std::function<void()> action) {
  if (open_batch == nullptr) {
    return false;
  }
  open_batch->deferred_.push_back(std::move(action));
  return true;
}

}  // namespace etalon::core
