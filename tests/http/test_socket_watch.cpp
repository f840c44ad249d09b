// Tests for adapters/http/socket_watch.cpp on socket pairs: what Wait
// reports after libcurl's watch, unwatch, open and close calls.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <utility>
#include <vector>

#include "http/socket_watch.hpp"

using etalon::adapters::http::SocketWatch;

namespace {

// A connected pair whose first end is readable: the second has written a byte.
std::pair<int, int> ReadablePair() {
  std::array<int, 2> ends{};
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends.data()) == 0);
  REQUIRE(write(ends[1], "x", 1) == 1);
  return {ends[0], ends[1]};
}

std::vector<int> Ready(SocketWatch& watch) {
  std::array<epoll_event, 8> events{};
  const int count = watch.Wait(events.data(), static_cast<int>(events.size()), 0);
  std::vector<int> sockets;
  for (int i = 0; i < count; ++i) {
    sockets.push_back(events[static_cast<std::size_t>(i)].data.fd);
  }
  return sockets;
}

}  // namespace

TEST_CASE("Socket watch: a watched socket's events are reported, an unwatched one's are not", "[http][socket_watch]") {
  SocketWatch watch;
  const auto [resolver, resolver_peer] = ReadablePair();
  const auto [connection, connection_peer] = ReadablePair();
  watch.Opened(connection);
  watch.Watch(resolver, EPOLLIN);
  watch.Watch(connection, EPOLLIN);
  CHECK(Ready(watch).size() == 2);

  watch.Unwatch(resolver);
  watch.Unwatch(connection);
  CHECK(Ready(watch).empty());

  SECTION("a connection socket watched again before the wait is reported") {
    watch.Watch(connection, EPOLLIN);
    CHECK(Ready(watch) == std::vector<int>{connection});
  }
  SECTION("a connection socket unwatched then watched for other events gets those events") {
    watch.Watch(connection, EPOLLIN);
    watch.Unwatch(connection);
    watch.Watch(connection, EPOLLOUT);
    std::array<epoll_event, 4> events{};
    REQUIRE(watch.Wait(events.data(), 4, 0) == 1);
    CHECK(events[0].data.fd == connection);
    CHECK(events[0].events == EPOLLOUT);
  }
  for (const int socket : {resolver, resolver_peer, connection, connection_peer}) {
    close(socket);
  }
}

TEST_CASE("Socket watch: a closed connection socket's number, taken by another socket, is watched anew",
          "[http][socket_watch]") {
  SocketWatch watch;
  const auto [first, first_peer] = ReadablePair();
  watch.Opened(first);
  watch.Watch(first, EPOLLIN);
  watch.Unwatch(first);  // left in the kernel's set until the next wait
  watch.Closing(first);
  close(first);
  close(first_peer);

  // The lowest free numbers come back: the new pair takes the closed ones.
  // A socket that is not a connection's (the resolver's) is watched as asked.
  const auto [second, second_peer] = ReadablePair();
  REQUIRE(second == first);
  watch.Watch(second, EPOLLIN);
  CHECK(Ready(watch) == std::vector<int>{second});
  close(second);
  close(second_peer);
}
