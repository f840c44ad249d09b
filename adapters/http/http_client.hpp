// The HTTP side of one adapter: its timeouts, TLS settings, retry policy and
// rate limits, sending through the process's shared event loop. Send never
// blocks; `done` runs on the loop's completion thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/http_exchange.hpp"
#include "http/rate_limiter.hpp"
#include "http/retry_policy.hpp"

namespace etalon::adapters::http {

class HttpLoop;

struct HttpClientSettings {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds first_byte_timeout{60'000};  // no response byte this long after sending: a timeout
  std::chrono::milliseconds total_timeout{120'000};      // one attempt, from sending to the last byte
  std::string ca_bundle;  // a PEM file of trusted CAs; empty: the system's
  RetrySettings retry;
  RateLimits limits;
  std::uint64_t seed = 0;  // of the retry jitter
};

using HttpDone = std::function<void(HttpResult)>;

class HttpClient {
 public:
  HttpClient(HttpClientSettings settings, std::shared_ptr<HttpLoop> loop);

  // Thread-safe. Every request sent must complete (its `done` return) before
  // the client is destroyed.
  void Send(HttpRequest request, HttpDone done);
  // Replaces the token estimate of a finished request by the provider's count.
  void CorrectTokens(std::uint64_t ticket, std::int64_t tokens) { limiter_.Correct(ticket, tokens); }

  const HttpClientSettings& settings() const { return settings_; }
  // Unique in the process, never reused: a client made where another was
  // destroyed has another id, so the loop cannot take it for the old one.
  std::uint64_t id() const { return id_; }
  // For the loop thread only.
  RetryPolicy& retry_policy() { return retry_policy_; }
  RateLimiter& rate_limiter() { return limiter_; }

 private:
  std::uint64_t id_;
  HttpClientSettings settings_;
  RetryPolicy retry_policy_;
  RateLimiter limiter_;
  std::shared_ptr<HttpLoop> loop_;
};

}  // namespace etalon::adapters::http
