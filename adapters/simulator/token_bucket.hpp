// The optional rate limit: a token bucket holding `burst` requests, refilled
// at `per_minute` / 60 a second. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>

namespace etalon::simulator {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double per_minute, double burst, Clock::time_point now);

  // 0 when the request may go (a token is taken), else seconds until one is free.
  double TakeOrWaitSeconds(Clock::time_point now);
  double per_minute() const { return per_minute_; }
  double Remaining(Clock::time_point now);

 private:
  void Refill(Clock::time_point now);

  std::mutex mutex_;
  double per_minute_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace etalon::simulator
