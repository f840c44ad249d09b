// Progress of a run on stderr: a live line redrawn in place when stderr is a
// terminal, a plain line every `period` otherwise (CI logs), nothing when quiet.
// Counters are atomic; completion threads update them without locking.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace etalon::run {

class ProgressMeter {
 public:
  enum class Mode { kLive, kPeriodic, kQuiet };

  ProgressMeter(std::FILE* out, Mode mode, std::chrono::milliseconds period);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // `total` keys in the run, `already_done` of them found in the journal (resume).
  void Start(std::size_t total, std::size_t already_done);
  void RecordCompletion(bool failed);
  // Stops the printing thread and prints the final line (unless quiet).
  void Finish();

  std::string Line() const;  // the current line, for tests

 private:
  void Loop();

  std::FILE* out_;
  Mode mode_;
  std::chrono::milliseconds period_;
  std::size_t total_ = 0;
  std::size_t already_done_ = 0;
  std::atomic<std::size_t> done_{0};
  std::atomic<std::size_t> failed_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace etalon::run
