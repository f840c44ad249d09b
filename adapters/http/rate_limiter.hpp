// Client-side rate limits of one adapter: requests per minute and tokens per
// minute. A sliding 60 s log rather than a refilling bucket: a bucket of
// capacity RPM refilled at RPM/60 per second lets up to twice the limit
// through in one minute, while the log guarantees that no 60 s window ever
// holds more than the limit. Times are passed in, so tests run on simulated
// time. Thread-safe (the loop admits, the completion thread corrects).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>

namespace etalon::adapters::http {

struct RateLimits {
  std::int64_t requests_per_minute = 0;  // 0: unlimited
  std::int64_t tokens_per_minute = 0;    // 0: unlimited
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RateLimiter(RateLimits limits) : limits_(limits) {}

  struct Admission {
    bool granted = false;
    std::chrono::steady_clock::duration wait{};  // when not granted: try again after this
    std::uint64_t ticket = 0;                    // when granted: for Correct
  };

  // Admits a request estimated at `tokens` at `now`, or says how long to wait.
  // A request larger than the whole token limit is admitted once the window is empty.
  Admission Admit(std::int64_t tokens, TimePoint now);
  // Replaces an admitted request's estimate by the usage the provider reported.
  void Correct(std::uint64_t ticket, std::int64_t tokens);

  // The ticket of every admission when no limit is set: nothing is logged.
  static constexpr std::uint64_t kUnloggedTicket = 0;
  // Grants held in the sliding window (its memory).
  std::size_t LoggedGrants() const;

 private:
  struct Grant {
    TimePoint at;
    std::int64_t tokens;
    std::uint64_t ticket;
  };

  RateLimits limits_;
  mutable std::mutex mutex_;
  std::deque<Grant> grants_;  // within the last minute, oldest first; empty without limits
  std::int64_t window_tokens_ = 0;
  std::uint64_t next_ticket_ = 1;
};

}  // namespace etalon::adapters::http
