// Tests for adapters/http/retry_policy.cpp: which answers are retried, the
// full-jitter bounds, Retry-After in both forms, and the budgets.
#include <catch2/catch.hpp>

#include "http/retry_policy.hpp"

using etalon::adapters::http::IsRetryableStatus;
using etalon::adapters::http::ParseRetryAfter;
using etalon::adapters::http::RetryPolicy;
using etalon::adapters::http::RetrySettings;
using std::chrono::milliseconds;

namespace {

// 2015-10-21 07:28:00 UTC, the date in RFC 9110's own example.
std::chrono::system_clock::time_point Now() { return std::chrono::system_clock::from_time_t(1445412480); }

}  // namespace

TEST_CASE("Only 408, 409, 429 and 5xx statuses are retried", "[http][retry]") {
  for (const long status : {408L, 409L, 429L, 500L, 502L, 503L, 504L}) {
    CHECK(IsRetryableStatus(status));
  }
  for (const long status : {200L, 201L, 400L, 401L, 403L, 404L, 422L}) {
    CHECK_FALSE(IsRetryableStatus(status));
  }
}

TEST_CASE("Retry-After is read as seconds, as an HTTP-date, and retry-after-ms wins", "[http][retry]") {
  CHECK(ParseRetryAfter("3", "", Now()) == milliseconds(3000));
  CHECK(ParseRetryAfter(" 1.5 ", "", Now()) == milliseconds(1500));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", "", Now()) == milliseconds(10'000));
  CHECK(ParseRetryAfter("Wednesday, 21-Oct-15 07:28:05 GMT", "", Now()) == milliseconds(5000));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", "", Now()) == milliseconds(0));  // already past
  CHECK(ParseRetryAfter("3", "250", Now()) == milliseconds(250));
  CHECK_FALSE(ParseRetryAfter("", "", Now()).has_value());
  CHECK_FALSE(ParseRetryAfter("soon", "", Now()).has_value());
  CHECK_FALSE(ParseRetryAfter("-2", "", Now()).has_value());
}

TEST_CASE("Backoff delays stay within the full-jitter bounds of each attempt", "[http][retry]") {
  RetrySettings settings;
  settings.max_attempts = 100;
  settings.max_retry_time = milliseconds(1'000'000'000);
  settings.base_delay = milliseconds(100);
  settings.max_delay = milliseconds(1000);
  RetryPolicy policy(settings, 42);
  for (int sent = 1; sent <= 8; ++sent) {
    const auto cap = std::min<long>(1000, 100L << (sent - 1));
    milliseconds longest{0};
    for (int draw = 0; draw < 200; ++draw) {
      const auto delay = policy.NextDelay(sent, milliseconds(0), std::nullopt);
      REQUIRE(delay.has_value());
      CHECK(delay->count() >= 0);
      CHECK(delay->count() <= cap);
      longest = std::max(longest, *delay);
    }
    CHECK(longest.count() > cap / 2);  // the draws spread over the range, not stuck at 0
  }
}

TEST_CASE("The same seed gives the same delays", "[http][retry]") {
  RetryPolicy first({}, 7);
  RetryPolicy second({}, 7);
  for (int sent = 1; sent < 4; ++sent) {
    CHECK(first.NextDelay(sent, milliseconds(0), std::nullopt) == second.NextDelay(sent, milliseconds(0), std::nullopt));
  }
}

TEST_CASE("Retry-After lengthens the delay, never shortens it", "[http][retry]") {
  RetrySettings settings;
  settings.base_delay = milliseconds(100);
  settings.max_delay = milliseconds(100);
  RetryPolicy policy(settings, 1);
  CHECK(policy.NextDelay(1, milliseconds(0), milliseconds(5000)) == milliseconds(5000));
  const auto short_hint = policy.NextDelay(1, milliseconds(0), milliseconds(0));
  REQUIRE(short_hint.has_value());
  CHECK(short_hint->count() <= 100);
}

TEST_CASE("Retries stop when the attempts or the time budget are spent", "[http][retry]") {
  RetrySettings settings;
  settings.max_attempts = 3;
  settings.max_retry_time = milliseconds(10'000);
  RetryPolicy policy(settings, 1);
  CHECK(policy.NextDelay(2, milliseconds(0), std::nullopt).has_value());
  CHECK_FALSE(policy.NextDelay(3, milliseconds(0), std::nullopt).has_value());
  // A wait that would end past the budget is not taken.
  CHECK_FALSE(policy.NextDelay(1, milliseconds(9000), milliseconds(2000)).has_value());
  CHECK(policy.NextDelay(1, milliseconds(7000), milliseconds(2000)) == milliseconds(2000));
}
