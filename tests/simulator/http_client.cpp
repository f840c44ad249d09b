// <utility> first: Boost 1.74's asio/awaitable.hpp uses std::exchange without including it.
#include <utility>

#include "simulator/http_client.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace etalon::testing {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void NoteError(const beast::error_code& error, HttpReply& reply) {
  reply.error = error.message();
  reply.connection_reset = error == net::error::connection_reset;
}

net::awaitable<HttpReply> Exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer, const HttpCall& call,
                                   std::chrono::milliseconds timeout) {
  HttpReply reply;
  http::request<http::string_body> request{http::string_to_verb(call.method), call.target, 11};
  request.set(http::field::host, "127.0.0.1");
  if (!call.body.empty()) {
    request.set(http::field::content_type, call.content_type);
  }
  for (const auto& [name, value] : call.headers) {
    request.set(name, value);
  }
  request.body() = call.body;
  request.prepare_payload();
  beast::error_code error;
  stream.expires_after(timeout);
  co_await http::async_write(stream, request, net::redirect_error(net::use_awaitable, error));
  if (error) {
    NoteError(error, reply);
    co_return reply;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(boost::none);
  co_await http::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, error));
  reply.header_done = parser.is_header_done();
  if (reply.header_done) {
    reply.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
      reply.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
    }
  }
  reply.body = parser.get().body();
  reply.complete = !error;
  if (error) {
    NoteError(error, reply);
  }
  co_return reply;
}

net::awaitable<void> Connection(std::uint16_t port, const std::vector<HttpCall>* calls, std::size_t first,
                                std::size_t count, std::vector<HttpReply>* replies,
                                std::chrono::milliseconds timeout) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  beast::error_code error;
  stream.expires_after(timeout);
  co_await stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                                net::redirect_error(net::use_awaitable, error));
  if (error) {
    for (std::size_t i = first; i < first + count; ++i) {
      NoteError(error, (*replies)[i]);
    }
    co_return;
  }
  beast::flat_buffer buffer;
  for (std::size_t i = first; i < first + count; ++i) {
    (*replies)[i] = co_await Exchange(stream, buffer, (*calls)[i], timeout);
    if (!(*replies)[i].complete) {
      co_return;
    }
  }
}

}  // namespace

std::vector<SseEvent> HttpReply::Events() const {
  std::vector<SseEvent> events;
  SseEvent current;
  bool open = false;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      end = body.size();
    }
    const std::string line = body.substr(start, end - start);
    start = end + 1;
    if (line.empty()) {
      if (open) {
        events.push_back(current);
      }
      current = SseEvent();
      open = false;
    } else if (line.rfind("event: ", 0) == 0) {
      current.event = line.substr(7);
      open = true;
    } else if (line.rfind("data: ", 0) == 0) {
      current.data += line.substr(6);
      open = true;
    }
  }
  return events;
}

std::vector<HttpReply> SendConcurrently(std::uint16_t port, const std::vector<HttpCall>& calls,
                                        std::chrono::milliseconds timeout) {
  net::io_context io;
  std::vector<HttpReply> replies(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    net::co_spawn(io, Connection(port, &calls, i, 1, &replies, timeout), net::detached);
  }
  io.run();
  return replies;
}

std::vector<HttpReply> SendOnOneConnection(std::uint16_t port, const std::vector<HttpCall>& calls,
                                           std::chrono::milliseconds timeout) {
  net::io_context io;
  std::vector<HttpReply> replies(calls.size());
  net::co_spawn(io, Connection(port, &calls, 0, calls.size(), &replies, timeout), net::detached);
  io.run();
  return replies;
}

HttpReply Send(std::uint16_t port, const HttpCall& call, std::chrono::milliseconds timeout) {
  return SendConcurrently(port, {call}, timeout).front();
}

HttpCall Get(const std::string& target) { return HttpCall{"GET", target, "", "application/json", {}}; }

HttpCall PostJson(const std::string& target, const std::string& body) {
  return HttpCall{"POST", target, body, "application/json", {}};
}

}  // namespace etalon::testing
