// Tests for adapters/http/rate_limiter.cpp on simulated time: requests admitted
// as fast as the limiter allows never exceed the limit in any 60 s window.
#include <catch2/catch.hpp>

#include <deque>

#include "http/rate_limiter.hpp"

using etalon::adapters::http::RateLimiter;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

namespace {

// Admits `count` requests of `tokens` each as soon as allowed; returns the grant times.
std::vector<Clock::time_point> Greedy(RateLimiter& limiter, int count, std::int64_t tokens) {
  std::vector<Clock::time_point> grants;
  Clock::time_point now{};
  while (static_cast<int>(grants.size()) < count) {
    const auto admission = limiter.Admit(tokens, now);
    if (admission.granted) {
      grants.push_back(now);
    } else {
      REQUIRE(admission.wait > Clock::duration::zero());
      now += admission.wait;
    }
  }
  return grants;
}

// The most grants in any window [t, t + 60 s): windows starting at a grant suffice.
std::size_t BusiestMinute(const std::vector<Clock::time_point>& grants) {
  std::size_t busiest = 0;
  std::size_t end = 0;
  for (std::size_t begin = 0; begin < grants.size(); ++begin) {
    while (end < grants.size() && grants[end] < grants[begin] + seconds(60)) {
      ++end;
    }
    busiest = std::max(busiest, end - begin);
  }
  return busiest;
}

}  // namespace

TEST_CASE("Requests per minute are never exceeded in any 60 s window", "[http][rate]") {
  RateLimiter limiter({10, 0});
  const auto grants = Greedy(limiter, 95, 1);
  CHECK(BusiestMinute(grants) == 10);
  CHECK(grants.back() - grants.front() >= seconds(60 * 9));  // 95 requests need at least nine more minutes
}

TEST_CASE("Tokens per minute are never exceeded, and reported usage corrects the estimate", "[http][rate]") {
  RateLimiter limiter({0, 1000});
  const auto grants = Greedy(limiter, 30, 300);  // three requests fit in a minute
  CHECK(BusiestMinute(grants) == 3);

  RateLimiter corrected({0, 1000});
  const Clock::time_point start{};
  const auto first = corrected.Admit(900, start);
  REQUIRE(first.granted);
  CHECK_FALSE(corrected.Admit(300, start + seconds(1)).granted);
  corrected.Correct(first.ticket, 100);  // the provider counted far fewer
  CHECK(corrected.Admit(300, start + seconds(1)).granted);
}

TEST_CASE("A request larger than the token limit waits for an empty window", "[http][rate]") {
  RateLimiter limiter({0, 100});
  const Clock::time_point start{};
  REQUIRE(limiter.Admit(50, start).granted);
  const auto big = limiter.Admit(500, start + seconds(10));
  REQUIRE_FALSE(big.granted);
  CHECK(big.wait == seconds(50));
  CHECK(limiter.Admit(500, start + seconds(60)).granted);
}

TEST_CASE("Without limits nothing is logged, however many requests are admitted", "[http][rate]") {
  RateLimiter limiter({0, 0});
  const Clock::time_point start{};
  for (int i = 0; i < 10'000; ++i) {
    const auto admission = limiter.Admit(100, start + std::chrono::microseconds(i));
    REQUIRE(admission.granted);
    CHECK(admission.ticket == RateLimiter::kUnloggedTicket);
    limiter.Correct(admission.ticket, 40);
  }
  CHECK(limiter.LoggedGrants() == 0);
}

TEST_CASE("A correction reaches the grant it names among many, and one that left the window is ignored",
          "[http][rate]") {
  RateLimiter limiter({0, 10'000});
  const Clock::time_point start{};
  std::vector<std::uint64_t> tickets;
  for (int i = 0; i < 99; ++i) {  // one every 100 ms
    const auto admission = limiter.Admit(100, start + std::chrono::milliseconds(100 * i));
    REQUIRE(admission.granted);
    tickets.push_back(admission.ticket);
  }
  CHECK(limiter.LoggedGrants() == 99);
  // 9,900 tokens in the window: 200 more do not fit until a middle grant shrinks.
  CHECK_FALSE(limiter.Admit(200, start + seconds(30)).granted);
  limiter.Correct(tickets[50], 0);
  CHECK(limiter.Admit(200, start + seconds(30)).granted);
  // At 60.05 s the first grant has left the window (9,900 tokens remain):
  // correcting it must change nothing, so 100 more still fit exactly.
  const auto later = start + std::chrono::milliseconds(60'050);
  CHECK(limiter.Admit(0, later).granted);
  limiter.Correct(tickets[0], 5'000);
  CHECK(limiter.Admit(100, later).granted);
  CHECK_FALSE(limiter.Admit(1, later).granted);
}
