#include "http/rate_limiter.hpp"

#include <algorithm>

namespace etalon::adapters::http {

namespace {

constexpr std::chrono::seconds kWindow{60};

}  // namespace

RateLimiter::Admission RateLimiter::Admit(std::int64_t tokens, TimePoint now) {
  if (limits_.requests_per_minute <= 0 && limits_.tokens_per_minute <= 0) {
    // Nothing to enforce: no log, which at thousands of requests a second
    // would hold a minute of grants and make every correction scan them.
    return {.granted = true, .wait = {}, .ticket = kUnloggedTicket};
  }
  const std::lock_guard lock(mutex_);
  while (!grants_.empty() && grants_.front().at + kWindow <= now) {
    window_tokens_ -= grants_.front().tokens;
    grants_.pop_front();
  }
  Admission admission;
  if (limits_.requests_per_minute > 0 && static_cast<std::int64_t>(grants_.size()) >= limits_.requests_per_minute) {
    // The grant that must leave the window first.
    const auto& blocking = grants_[grants_.size() - static_cast<std::size_t>(limits_.requests_per_minute)];
    admission.wait = blocking.at + kWindow - now;
  }
  if (limits_.tokens_per_minute > 0 && !grants_.empty() && window_tokens_ + tokens > limits_.tokens_per_minute) {
    // Oversized requests wait for the whole window to empty.
    auto until = grants_.back().at + kWindow;
    std::int64_t remaining = window_tokens_;
    for (const auto& grant : grants_) {
      remaining -= grant.tokens;
      if (remaining + tokens <= limits_.tokens_per_minute) {
        until = grant.at + kWindow;
        break;
      }
    }
    admission.wait = std::max(admission.wait, until - now);
  }
  if (admission.wait > std::chrono::steady_clock::duration::zero()) {
    return admission;
  }
  admission.granted = true;
  admission.ticket = next_ticket_++;
  grants_.push_back({now, tokens, admission.ticket});
  window_tokens_ += tokens;
  return admission;
}

void RateLimiter::Correct(std::uint64_t ticket, std::int64_t tokens) {
  if (ticket == kUnloggedTicket) {
    return;
  }
  const std::lock_guard lock(mutex_);
  // Tickets grow with time, so the log is sorted by ticket.
  const auto grant = std::lower_bound(grants_.begin(), grants_.end(), ticket,
                                      [](const Grant& logged, std::uint64_t wanted) { return logged.ticket < wanted; });
  if (grant != grants_.end() && grant->ticket == ticket) {  // else it already left the window
    window_tokens_ += tokens - grant->tokens;
    grant->tokens = tokens;
  }
}

std::size_t RateLimiter::LoggedGrants() const {
  const std::lock_guard lock(mutex_);
  return grants_.size();
}

}  // namespace etalon::adapters::http
