// Tests for adapters/http/http_loop.cpp over real loopback sockets, against
// tests/support/scripted_http_server: chunk stamps, long bodies, resets,
// stalls, retries and connection reuse.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "http/http_client.hpp"
#include "http/http_loop.hpp"
#include "support/scripted_http_server.hpp"
#include "support/thread_names.hpp"

using etalon::adapters::http::HttpClient;
using etalon::adapters::http::HttpClientSettings;
using etalon::adapters::http::HttpRequest;
using etalon::adapters::http::HttpResult;
using etalon::adapters::http::SharedHttpLoop;
using etalon::core::ErrorKind;
using etalon::testing::ScriptedHttpServer;
using etalon::testing::ScriptedReply;
using std::chrono::milliseconds;

namespace {

HttpClientSettings Quick() {
  HttpClientSettings settings;
  settings.retry.base_delay = milliseconds(10);
  settings.retry.max_delay = milliseconds(20);
  settings.connect_timeout = milliseconds(2000);
  settings.first_byte_timeout = milliseconds(5000);
  settings.total_timeout = milliseconds(10'000);
  return settings;
}

HttpResult Send(HttpClient& client, const std::string& url, const std::string& body = "{}") {
  std::promise<HttpResult> done;
  HttpRequest request;
  request.url = url;
  request.body = body;
  client.Send(std::move(request), [&done](HttpResult result) { done.set_value(std::move(result)); });
  return done.get_future().get();
}

ScriptedReply Reply(int status, std::vector<std::string> chunks) {
  ScriptedReply reply;
  reply.status = status;
  reply.chunks = std::move(chunks);
  return reply;
}

}  // namespace

TEST_CASE("HTTP loop: its thread and the completion thread bear their names", "[http][loop]") {
  const auto loop = SharedHttpLoop();
  CHECK(etalon::testing::ThreadNamedSoon("etalon-http"));
  CHECK(etalon::testing::ThreadNamedSoon("etalon-answers"));
}

TEST_CASE("HTTP loop: a body in delayed chunks arrives whole, each chunk stamped on arrival", "[http][loop]") {
  auto reply = Reply(200, {"first,", "second,", "third"});
  reply.chunk_delay = milliseconds(30);
  reply.headers = {{"Content-Type", "text/plain"}};
  ScriptedHttpServer server({reply});
  HttpClient client(Quick(), SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl() + "/x", "{\"q\": 1}");
  REQUIRE_FALSE(result.transport_error);
  CHECK(result.status == 200);
  CHECK(result.body == "first,second,third");
  CHECK(result.Header("content-type") == "text/plain");
  CHECK(result.attempts == 1);
  REQUIRE(result.first_byte_at.has_value());
  REQUIRE(result.chunks.size() >= 3);  // the delays keep the chunks apart
  CHECK(result.chunks.back().end == result.body.size());
  CHECK(result.chunks.back().at > result.chunks.front().at);
  CHECK(server.Requests().at(0).body == "{\"q\": 1}");
  CHECK(server.Requests().at(0).head.starts_with("POST /x HTTP/1.1"));
}

TEST_CASE("HTTP loop: a multi-megabyte body is not limited by any buffer", "[http][loop]") {
  std::vector<std::string> chunks(8, std::string(1 << 20, 'a'));
  chunks.back() = std::string(1 << 20, 'z');
  ScriptedHttpServer server({Reply(200, chunks)});
  HttpClient client(Quick(), SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  REQUIRE_FALSE(result.transport_error);
  CHECK(result.body.size() == 8u << 20);
  CHECK(result.body.back() == 'z');
}

TEST_CASE("HTTP loop: a reset in the middle of the body is a network error", "[http][loop]") {
  auto reply = Reply(200, {"partial", "never sent"});
  reply.ending = ScriptedReply::Ending::kResetAfterFirst;
  ScriptedHttpServer server({reply});
  auto settings = Quick();
  settings.retry.max_attempts = 2;
  HttpClient client(settings, SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  REQUIRE(result.transport_error.has_value());
  CHECK(result.transport_error->kind == ErrorKind::kNetwork);
  CHECK(result.attempts == 2);  // a broken connection is worth another try
}

TEST_CASE("HTTP loop: a refused connection is a network error", "[http][loop]") {
  std::string url;
  {
    ScriptedHttpServer closed({Reply(200, {"x"})});
    url = closed.BaseUrl();
  }
  auto settings = Quick();
  settings.retry.max_attempts = 1;
  HttpClient client(settings, SharedHttpLoop());
  const auto result = Send(client, url);
  REQUIRE(result.transport_error.has_value());
  CHECK(result.transport_error->kind == ErrorKind::kNetwork);
}

TEST_CASE("HTTP loop: no response byte within first_byte_timeout is a timeout", "[http][loop]") {
  auto reply = Reply(200, {"late"});
  reply.ending = ScriptedReply::Ending::kStallBeforeReply;
  ScriptedHttpServer server({reply});
  auto settings = Quick();
  settings.retry.max_attempts = 1;
  settings.first_byte_timeout = milliseconds(200);
  HttpClient client(settings, SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  REQUIRE(result.transport_error.has_value());
  CHECK(result.transport_error->kind == ErrorKind::kTimeout);
  CHECK_THAT(result.transport_error->message, Catch::Contains("first_byte_timeout_s"));
}

TEST_CASE("HTTP loop: a body that stops coming hits the total timeout", "[http][loop]") {
  auto reply = Reply(200, {"begun", "never"});
  reply.ending = ScriptedReply::Ending::kStallAfterFirst;
  ScriptedHttpServer server({reply});
  auto settings = Quick();
  settings.retry.max_attempts = 1;
  settings.total_timeout = milliseconds(300);
  HttpClient client(settings, SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  REQUIRE(result.transport_error.has_value());
  CHECK(result.transport_error->kind == ErrorKind::kTimeout);
  CHECK(result.first_byte_at.has_value());
}

TEST_CASE("HTTP loop: 429 with Retry-After waits at least that long before the next attempt", "[http][loop]") {
  auto limited = Reply(429, {"{\"error\": {\"message\": \"slow down\"}}"});
  limited.headers = {{"Retry-After", "1"}};
  ScriptedHttpServer server({limited, Reply(200, {"ok"})});
  HttpClient client(Quick(), SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  CHECK(result.status == 200);
  CHECK(result.attempts == 2);
  const auto requests = server.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].at - requests[0].at >= milliseconds(1000));
}

TEST_CASE("HTTP loop: 500 is retried, 400 is not", "[http][loop]") {
  {
    ScriptedHttpServer server({Reply(500, {"oops"}), Reply(200, {"ok"})});
    HttpClient client(Quick(), SharedHttpLoop());
    const auto result = Send(client, server.BaseUrl());
    CHECK(result.status == 200);
    CHECK(result.body == "ok");
    CHECK(result.attempts == 2);
  }
  {
    ScriptedHttpServer server({Reply(400, {"bad"}), Reply(200, {"ok"})});
    HttpClient client(Quick(), SharedHttpLoop());
    const auto result = Send(client, server.BaseUrl());
    CHECK(result.status == 400);
    CHECK(result.attempts == 1);
    CHECK(server.Requests().size() == 1);
  }
}

TEST_CASE("HTTP loop: retries stop after max_attempts, keeping the last answer", "[http][loop]") {
  ScriptedHttpServer server({Reply(503, {"busy"})});
  auto settings = Quick();
  settings.retry.max_attempts = 3;
  HttpClient client(settings, SharedHttpLoop());
  const auto result = Send(client, server.BaseUrl());
  CHECK(result.status == 503);
  CHECK(result.attempts == 3);
  CHECK(server.Requests().size() == 3);
}

TEST_CASE("HTTP loop: successive requests reuse one connection", "[http][loop]") {
  ScriptedHttpServer server({Reply(200, {"ok"})});
  HttpClient client(Quick(), SharedHttpLoop());
  for (int i = 0; i < 4; ++i) {
    CHECK(Send(client, server.BaseUrl()).status == 200);
  }
  CHECK(server.Connections() == 1);
}

TEST_CASE("HTTP loop: its connections are closed on exec, so no program a run starts inherits them",
          "[http][loop]") {
  ScriptedHttpServer server({Reply(200, {"ok"})});
  HttpClient client(Quick(), SharedHttpLoop());
  REQUIRE(Send(client, server.BaseUrl()).status == 200);
  const auto port = static_cast<std::uint16_t>(std::stoi(server.BaseUrl().substr(server.BaseUrl().rfind(':') + 1)));
  // The connection stays open for the next request: find it by its peer, the server.
  int connections = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    const int fd = std::stoi(entry.path().filename().string());
    sockaddr_in peer{};
    socklen_t size = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &size) != 0 || peer.sin_family != AF_INET ||
        ntohs(peer.sin_port) != port) {
      continue;
    }
    ++connections;
    CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
  }
  CHECK(connections == 1);
}

TEST_CASE("HTTP loop: every adapter shares the one loop while it lives", "[http][loop]") {
  const auto first = SharedHttpLoop();
  const auto second = SharedHttpLoop();
  CHECK(first.get() == second.get());
}

TEST_CASE("HTTP loop: the answered hook runs once, on the loop's thread, after the last attempt and before done",
          "[http][loop]") {
  ScriptedHttpServer server({Reply(500, {"oops"}), Reply(200, {"ok"})});
  HttpClient client(Quick(), SharedHttpLoop());
  std::mutex mutex;
  std::vector<std::string> events;
  std::thread::id answered_on;
  std::thread::id done_on;
  std::promise<void> finished;
  HttpRequest request;
  request.url = server.BaseUrl();
  request.body = "{}";
  request.on_answered = [&] {
    const std::lock_guard lock(mutex);
    events.push_back("answered after " + std::to_string(server.Requests().size()) + " attempts");
    answered_on = std::this_thread::get_id();
  };
  client.Send(std::move(request), [&](HttpResult result) {
    {
      const std::lock_guard lock(mutex);
      events.push_back("done with " + result.body);
      done_on = std::this_thread::get_id();
    }
    finished.set_value();
  });
  finished.get_future().get();
  const std::lock_guard lock(mutex);
  CHECK(events == std::vector<std::string>{"answered after 2 attempts", "done with ok"});
  // The hook is the loop's: cheap work only, and it may hand the loop a new request.
  CHECK(answered_on != done_on);
  CHECK(answered_on != std::this_thread::get_id());
}

TEST_CASE("HTTP loop: one User-Agent per request, etalon's unless the request names its own", "[http][loop]") {
  ScriptedHttpServer server({Reply(200, {"a"}), Reply(200, {"b"})});
  HttpClient client(Quick(), SharedHttpLoop());
  auto count = [](const std::string& head, const std::string& line) {
    std::size_t found = 0;
    for (auto at = head.find(line); at != std::string::npos; at = head.find(line, at + 1)) ++found;
    return found;
  };
  REQUIRE_FALSE(Send(client, server.BaseUrl()).transport_error);
  std::promise<HttpResult> done;
  HttpRequest request;
  request.url = server.BaseUrl();
  request.body = "{}";
  request.headers = {"user-agent: buyer-probe/2"};
  client.Send(std::move(request), [&done](HttpResult result) { done.set_value(std::move(result)); });
  REQUIRE_FALSE(done.get_future().get().transport_error);
  const auto requests = server.Requests();
  const auto& plain = requests.at(0).head;
  const auto& named = requests.at(1).head;
  CHECK(count(plain, "User-Agent: etalon/0.1\r\n") == 1);
  CHECK(count(named, "user-agent: buyer-probe/2\r\n") == 1);
  CHECK(count(named, "etalon/0.1") == 0);
}

TEST_CASE("HTTP loop: a client made where another was destroyed gets its own timeouts", "[http][loop]") {
  auto stalled = Reply(200, {"begun", "never"});
  stalled.ending = ScriptedReply::Ending::kStallAfterFirst;
  ScriptedHttpServer server({Reply(200, {"ok"}), stalled});
  const auto loop = SharedHttpLoop();  // one loop for both clients: its idle handles outlive the first
  std::optional<HttpClient> client;
  auto patient = Quick();
  patient.total_timeout = std::chrono::hours(1);
  client.emplace(patient, loop);
  REQUIRE(Send(*client, server.BaseUrl()).status == 200);
  // The same storage, so the same address: only the settings differ.
  client.reset();
  auto hasty = Quick();
  hasty.retry.max_attempts = 1;
  hasty.total_timeout = milliseconds(300);
  client.emplace(hasty, loop);
  std::promise<HttpResult> done;
  HttpRequest request;
  request.url = server.BaseUrl();
  request.body = "{}";
  client->Send(std::move(request), [&done](HttpResult result) { done.set_value(std::move(result)); });
  auto answer = done.get_future();
  // With the first client's hour-long timeout the stalled answer would not end.
  REQUIRE(answer.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
  const auto result = answer.get();
  REQUIRE(result.transport_error.has_value());
  CHECK(result.transport_error->kind == ErrorKind::kTimeout);
}

// Handles keep their options between requests that differ only by body
// (http_loop.cpp, Easy): any other difference must reach the wire.
TEST_CASE("HTTP loop: each request carries its own method, headers, URL and body, whatever the handle served before",
          "[http][loop]") {
  ScriptedHttpServer server({Reply(200, {"ok"})});
  HttpClient first(Quick(), SharedHttpLoop());
  HttpClient second(Quick(), SharedHttpLoop());
  struct Case {
    HttpClient* client;
    std::string path;
    std::vector<std::string> headers;
    std::string body;
  };
  const std::vector<Case> cases = {
      {&first, "/v1/chat", {"X-Tenant: a"}, "one"},  {&first, "/v1/chat", {"X-Tenant: a"}, "two"},
      {&first, "/v1/chat", {"X-Tenant: b"}, "three"}, {&second, "/v1/chat", {"X-Tenant: b"}, "four"},
      {&second, "/v1/other", {"X-Tenant: b"}, "five"}, {&second, "/v1/other", {"X-Tenant: b"}, ""},
      {&second, "/v1/other", {"X-Tenant: b"}, "six"}, {&first, "/v1/chat", {}, "seven"},
  };
  for (const auto& one : cases) {
    std::promise<HttpResult> done;
    HttpRequest request;
    request.url = server.BaseUrl() + one.path;
    request.headers = one.headers;
    request.body = one.body;
    one.client->Send(std::move(request), [&done](HttpResult result) { done.set_value(std::move(result)); });
    REQUIRE(done.get_future().get().status == 200);
  }
  const auto received = server.Requests();
  REQUIRE(received.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("request " << i << ":\n" << received[i].head);
    const auto& expected = cases[i];
    const std::string method = expected.body.empty() ? "GET " : "POST ";
    CHECK(received[i].head.rfind(method + expected.path + " HTTP/1.1\r\n", 0) == 0);
    CHECK(received[i].body == expected.body);
    CHECK((received[i].head.find("X-Tenant: a\r\n") != std::string::npos) ==
          (expected.headers == std::vector<std::string>{"X-Tenant: a"}));
    CHECK((received[i].head.find("X-Tenant: b\r\n") != std::string::npos) ==
          (expected.headers == std::vector<std::string>{"X-Tenant: b"}));
  }
}
