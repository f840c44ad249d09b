// A batch of completions run together on one thread (an HTTP adapter's
// answers, gathered by adapters/http/completion_executor): what each would
// do alone and can be done once for all, a journal's write, is deferred to
// the batch's end. A thread that opens no batch does everything at once.
#pragma once

#include <functional>
#include <vector>

namespace etalon::core {

class CompletionBatch {
 public:
  // Opens a batch on this thread; inside another, the outer batch counts.
  CompletionBatch();
  // Runs the deferred actions in the order they were deferred.
  ~CompletionBatch();
  CompletionBatch(const CompletionBatch&) = delete;
  CompletionBatch& operator=(const CompletionBatch&) = delete;

  // Whether a batch is open on this thread.
  static bool IsOpen();
  // Defers `action` to the end of the batch open on this thread. False,
  // deferring nothing, when none is open: the caller acts now. An action
  // must not throw.
  static bool Defer(std::function<void()> action);

 private:
  bool outermost_ = false;
  std::vector<std::function<void()>> deferred_;
};

}  // namespace etalon::core
