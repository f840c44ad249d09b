// What a vendor API adds to the generic HTTP adapter: how a request is
// written and how an answer is read. Implementations are pure (JSON in,
// structs out), so they are tested without a network.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "etalon/core/request.hpp"
#include "etalon/core/response.hpp"
#include "http/http_exchange.hpp"
#include "http/sse_parser.hpp"

namespace etalon::adapters::http {

struct VendorAnswer {
  std::string text;
  core::Usage usage;
  std::string served_model;
  std::string system_fingerprint;
  std::vector<std::chrono::steady_clock::time_point> content_times;  // each non-empty content event's first byte
  std::optional<core::Error> error;
};

class VendorProtocol {
 public:
  virtual ~VendorProtocol() = default;
  // The HTTP request for `request`, or why it cannot be sent (a missing media file...).
  virtual std::variant<HttpRequest, core::Error> BuildRequest(const core::Request& request) const = 0;
  // Reads a finished exchange that got a success (2xx) answer.
  virtual VendorAnswer ReadAnswer(const HttpResult& result) const = 0;
};

// The error for a non-success status: kRateLimited for 429 (retries were
// spent), kHttpStatus otherwise, with the vendor's message when it gave one.
core::Error StatusError(long status, const std::string& vendor_message);

// The vendor's message in an error body, searched as `{"error": {"message"}}`,
// `{"error": "text"}` or `{"message"}`; the start of the raw body otherwise.
std::string ErrorBodyMessage(const std::string& body);

// The server-sent events of a body, each stamped with the arrival of its first byte.
std::vector<SseEvent> StreamEvents(const HttpResult& result);

// Replaces every occurrence of `secret` (an API key), plain or in base64 or
// base64url, in the error's message.
void ScrubSecret(core::Error& error, const std::string& secret);

// Token count estimated when the provider reports none: one token per four
// Unicode characters, rounded up (the usual rule of thumb for BPE tokenizers
// on European languages).
std::int64_t EstimateTokens(const std::string& text);

}  // namespace etalon::adapters::http
