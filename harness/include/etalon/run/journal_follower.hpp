// Reads a journal's lines while a run is still appending them, on a thread
// of its own at idle priority, so that the pass over the journal after the
// run (summary, the report's samples) is nearly done when the last answer
// lands: that pass took a run of 1,000 quick answers 10 to 13 ms after its
// last one (docs/performance.md). The journal stays the one source: lines
// are read from the file as written, an earlier attempt's first (a resume),
// and Finish reads the rest. The follower holds one read buffer and one
// line, whatever the journal's length; what its visits keep is theirs (a
// summary keeps every latency for its percentiles, so `run` starts the
// follower only once its last request is prepared, and memory stays flat
// while requests are issued).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace etalon::run {

class JournalFollower {
 public:
  // Each non-empty line, without its '\n' (nor a trailing '\r'), and its
  // 1-based number, as ForEachJournalLine gives them.
  using Visit = std::function<void(const std::string& line, std::size_t number)>;

  // Opens `path`; throws std::runtime_error naming it when it cannot be
  // opened. Nothing is read before Start or Finish.
  JournalFollower(const std::string& path, Visit visit);
  ~JournalFollower();  // stops following; visits nothing more
  JournalFollower(const JournalFollower&) = delete;
  JournalFollower& operator=(const JournalFollower&) = delete;

  // Starts reading on the follower's thread, where `visit` runs until
  // Finish. Thread-safe, and only the first call counts.
  void Start();

  // Once the writer has stopped: stops the thread, then visits the lines it
  // had not reached on the calling thread, the last even without its '\n'.
  // Rethrows what a visit threw (no line is visited after it) or throws
  // std::runtime_error naming the file on a read error.
  void Finish();

 private:
  // Visits the complete lines the file holds now; at the end of the file,
  // the unterminated rest too when `last` is set.
  void ReadAvailable(bool last);
  void Follow();
  void Stop();

  std::string path_;
  Visit visit_;
  int fd_ = -1;
  std::string buffer_;  // bytes read and not yet visited: at most part of one line
  std::string line_;
  std::size_t line_number_ = 0;
  std::exception_ptr error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool started_ = false;
  std::thread thread_;
};

}  // namespace etalon::run
