// One HTTP exchange as the event loop sees it: what to send and what came
// back, with the arrival time of every piece of the body.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "etalon/core/response.hpp"

namespace etalon::adapters::http {

// One part of a multipart/form-data body: inline `data`, or the file at `file_path`.
struct FormPart {
  std::string name;
  std::string data;
  std::string file_path;
  std::string content_type;  // empty: libcurl's default
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent as a POST when non-empty
  std::vector<FormPart> form;        // sent as multipart/form-data when non-empty
  std::int64_t estimated_tokens = 0;  // for the tokens-per-minute limit
  // Called on the loop's thread when the last attempt has ended, before the
  // result goes to its completion (core::Request::on_answered).
  std::function<void()> on_answered;
};

// The body bytes [previous end, end) arrived at `at` (one libcurl write callback).
struct BodyChunk {
  std::size_t end = 0;
  std::chrono::steady_clock::time_point at;
};

struct HttpResult {
  long status = 0;  // 0 when no answer came
  std::vector<std::pair<std::string, std::string>> headers;  // of the last attempt; names lower-cased
  std::string body;
  std::vector<BodyChunk> chunks;
  std::optional<std::chrono::steady_clock::time_point> first_byte_at;  // first response byte of the last attempt
  // When the last attempt was handed to libcurl: after rate-limit waits,
  // earlier attempts and their backoff, none of which is the server's latency.
  std::chrono::steady_clock::time_point sent_at{};
  // When libcurl reported the last attempt finished, on the loop thread.
  std::chrono::steady_clock::time_point finished_at{};
  int attempts = 0;                       // requests sent
  std::optional<core::Error> transport_error;  // no usable answer: network failure or timeout
  std::uint64_t rate_ticket = 0;          // the last attempt's admission, for correcting its token count

  // The value of header `name` (lower case), or empty.
  std::string_view Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) {
        return value;
      }
    }
    return {};
  }
};

}  // namespace etalon::adapters::http
