// When to send a failed HTTP request again, and after how long: exponential
// backoff with full jitter (a uniform draw between 0 and the capped
// exponential step), never shorter than the server's Retry-After, bounded in
// attempts and in total time. Pure: the random source is injected (seeded
// from the plan), the elapsed time and the current date are passed in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace etalon::adapters::http {

struct RetrySettings {
  int max_attempts = 4;  // requests sent in all, the first included
  std::chrono::milliseconds max_retry_time{60'000};  // no retry starts later than this after the first send
  std::chrono::milliseconds base_delay{500};   // the first step of the exponential
  std::chrono::milliseconds max_delay{20'000};  // the cap of one step
};

// 408, 409, 429 and 5xx are worth sending again; any other status is final.
bool IsRetryableStatus(long status);

// The server's wait hint: `retry-after-ms` (milliseconds) when present, else
// `Retry-After` as delta-seconds or an HTTP-date (relative to `now`). Empty
// when both are absent or unreadable; a date in the past means no wait.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                                         std::chrono::system_clock::time_point now);

class RetryPolicy {
 public:
  RetryPolicy(RetrySettings settings, std::uint64_t seed) : settings_(settings), random_(seed) {}

  // The wait before attempt `attempts_sent + 1`, or empty when the attempts
  // or the time budget (`elapsed` since the first send, plus the wait) are spent.
  std::optional<std::chrono::milliseconds> NextDelay(int attempts_sent, std::chrono::milliseconds elapsed,
                                                     std::optional<std::chrono::milliseconds> retry_after);

  const RetrySettings& settings() const { return settings_; }

 private:
  RetrySettings settings_;
  std::mt19937_64 random_;
};

}  // namespace etalon::adapters::http
