#include "http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "http/curl_library.hpp"

namespace etalon::adapters::http {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// A non-negative decimal number ("2", "1.5"), or empty.
std::optional<double> NonNegativeNumber(std::string_view text) {
  text = Trim(text);
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::chrono::milliseconds Milliseconds(double value) {
  constexpr double kMaxMs = 24.0 * 3600 * 1000;  // a day: longer hints are treated as a day
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::min(value, kMaxMs)));
}

}  // namespace

bool IsRetryableStatus(long status) { return status == 408 || status == 409 || status == 429 || status >= 500; }

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                                         std::chrono::system_clock::time_point now) {
  if (const auto ms = NonNegativeNumber(retry_after_ms)) {
    return Milliseconds(*ms);
  }
  if (const auto seconds = NonNegativeNumber(retry_after)) {
    return Milliseconds(*seconds * 1000);
  }
  retry_after = Trim(retry_after);
  if (retry_after.empty()) {
    return std::nullopt;
  }
  // curl_getdate reads the RFC 9110 date forms (IMF-fixdate, RFC 850, asctime).
  const std::time_t date = Curl().getdate(std::string(retry_after).c_str(), nullptr);
  if (date == -1) {
    return std::nullopt;
  }
  const auto wait = std::chrono::system_clock::from_time_t(date) - now;
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(wait));
}

std::optional<std::chrono::milliseconds> RetryPolicy::NextDelay(int attempts_sent, std::chrono::milliseconds elapsed,
                                                                std::optional<std::chrono::milliseconds> retry_after) {
  if (attempts_sent >= settings_.max_attempts) {
    return std::nullopt;
  }
  // base * 2^(attempts_sent - 1), capped; the shift is bounded so it cannot overflow.
  const int doubling = std::clamp(attempts_sent - 1, 0, 30);
  const auto step = std::min<std::int64_t>(settings_.max_delay.count(), settings_.base_delay.count() << doubling);
  std::uniform_int_distribution<std::int64_t> draw(0, std::max<std::int64_t>(step, 0));
  auto delay = std::chrono::milliseconds(draw(random_));
  if (retry_after && *retry_after > delay) {
    delay = *retry_after;
  }
  if (elapsed + delay > settings_.max_retry_time) {
    return std::nullopt;
  }
  return delay;
}

}  // namespace etalon::adapters::http
