// What the OpenAI and Anthropic targets share: a finished HTTP exchange
// built from a fuzz input, the way the HTTP loop hands it to a protocol.
// The first input byte chooses the content type (bit 0: an event stream or
// a JSON body) and the size of the body's pieces (1 to 64 bytes).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "http/http_exchange.hpp"

namespace etalon::fuzz {

inline adapters::http::HttpResult FuzzedExchange(const std::uint8_t* data, std::size_t size) {
  adapters::http::HttpResult result;
  result.status = 200;
  result.attempts = 1;
  if (size == 0) {
    return result;
  }
  const bool stream = (data[0] & 1) != 0;
  const std::size_t piece = (data[0] >> 1) % 64 + 1;
  result.headers.emplace_back("content-type", stream ? "text/event-stream; charset=utf-8" : "application/json");
  result.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto at = std::chrono::steady_clock::now();
  result.first_byte_at = at;
  for (std::size_t end = piece; end < result.body.size() + piece; end += piece) {
    result.chunks.push_back({end < result.body.size() ? end : result.body.size(), at});
    at += std::chrono::milliseconds(1);
  }
  return result;
}

}  // namespace etalon::fuzz
