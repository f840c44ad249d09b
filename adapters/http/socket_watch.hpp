// The HTTP loop's epoll set, kept as libcurl asks (CURLMOPT_SOCKETFUNCTION).
//
// libcurl stops watching a connection's socket at the end of every transfer
// and watches it again at the next one on that connection: kept literally,
// that is two epoll_ctl calls a request. Here a connection socket libcurl
// stops watching stays in the set until the loop is about to sleep
// (Wait), so a socket watched again in between costs no call; the events
// it may report meanwhile never reach libcurl, since the loop only waits
// after removing them.
//
// Only sockets whose closing the set hears of (Opened, Closing: libcurl's
// open and close socket callbacks) are kept so. The kernel drops a closed
// socket from an epoll set, and its number may come back for another
// socket: one the set still counted as registered would never be watched.
// Other sockets (the resolver's) leave the set when libcurl says so.
//
// Not thread-safe: the loop's thread alone uses it.
#pragma once

#include <sys/epoll.h>

#include <cstdint>
#include <vector>

namespace etalon::adapters::http {

class SocketWatch {
 public:
  SocketWatch();  // throws std::runtime_error when no epoll set can be made
  ~SocketWatch();
  SocketWatch(const SocketWatch&) = delete;
  SocketWatch& operator=(const SocketWatch&) = delete;

  // Watches `socket` for `events` (EPOLLIN, EPOLLOUT), replacing what it was watched for.
  void Watch(int socket, std::uint32_t events);
  // libcurl no longer needs `socket`'s events.
  void Unwatch(int socket);
  // `socket` is a connection socket: its closing will be told.
  void Opened(int socket);
  // `socket` is about to be closed.
  void Closing(int socket);
  // Removes the sockets unwatched and not watched again since the last
  // wait, then waits on the set (epoll_wait); events carry data.fd.
  int Wait(epoll_event* events, int capacity, int timeout_ms);

 private:
  void Settle();  // the removal Wait starts with
  struct Entry {
    bool in_set = false;       // in the kernel's set,
    std::uint32_t events = 0;  // for these events
    bool watched = false;      // libcurl wants its events
    bool connection = false;   // opened through Opened: its closing is told
  };
  Entry& At(int socket);

  int epoll_fd_ = -1;
  std::vector<Entry> entries_;  // by socket number
  std::vector<int> unwatched_;  // connection sockets unwatched but left in the set
};

}  // namespace etalon::adapters::http
