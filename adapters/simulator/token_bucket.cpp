#include "token_bucket.hpp"

#include <algorithm>

namespace etalon::simulator {

TokenBucket::TokenBucket(double per_minute, double burst, Clock::time_point now)
    : per_minute_(per_minute), burst_(burst), tokens_(burst), last_(now) {}

void TokenBucket::Refill(Clock::time_point now) {
  const double elapsed_s = std::chrono::duration<double>(now - last_).count();
  if (elapsed_s > 0) {
    tokens_ = std::min(burst_, tokens_ + elapsed_s * per_minute_ / 60.0);
    last_ = now;
  }
}

double TokenBucket::TakeOrWaitSeconds(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Refill(now);
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return 0;
  }
  return (1 - tokens_) * 60.0 / per_minute_;
}

double TokenBucket::Remaining(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Refill(now);
  return tokens_;
}

}  // namespace etalon::simulator
