// A small HTTP/1.1 client over loopback for the simulator's tests (Beast):
// keeps what arrived even when the connection breaks, so faults can be observed.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace etalon::testing {

struct HttpCall {
  std::string method = "POST";
  std::string target;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

struct SseEvent {
  std::string event;  // empty when the event had no `event:` line
  std::string data;
};

struct HttpReply {
  bool header_done = false;
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // de-chunked; what arrived when broken
  bool complete = false;
  bool connection_reset = false;
  std::string error;

  std::vector<SseEvent> Events() const;  // the body as server-sent events
};

// Each call on its own connection, all at once; replies in the calls' order.
std::vector<HttpReply> SendConcurrently(std::uint16_t port, const std::vector<HttpCall>& calls,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(20));
// The calls one after another on one keep-alive connection.
std::vector<HttpReply> SendOnOneConnection(std::uint16_t port, const std::vector<HttpCall>& calls,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(20));
HttpReply Send(std::uint16_t port, const HttpCall& call, std::chrono::milliseconds timeout = std::chrono::seconds(20));

HttpCall Get(const std::string& target);
HttpCall PostJson(const std::string& target, const std::string& body);

}  // namespace etalon::testing
