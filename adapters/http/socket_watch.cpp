#include "http/socket_watch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace etalon::adapters::http {

SocketWatch::SocketWatch() : epoll_fd_(epoll_create1(EPOLL_CLOEXEC)) {
  if (epoll_fd_ < 0) {
    throw std::runtime_error(fmt::format("HTTP loop: cannot create its epoll set: {}", std::strerror(errno)));
  }
}

SocketWatch::~SocketWatch() { close(epoll_fd_); }

SocketWatch::Entry& SocketWatch::At(int socket) {
  const auto index = static_cast<std::size_t>(socket);
  if (index >= entries_.size()) {
    entries_.resize(index + 1);
  }
  return entries_[index];
}

void SocketWatch::Watch(int socket, std::uint32_t events) {
  auto& entry = At(socket);
  entry.watched = true;
  if (entry.in_set && entry.events == events) {
    return;
  }
  epoll_event event{};
  event.events = events;
  event.data.fd = socket;
  // A failed change leaves the socket unwatched: its transfer then ends on
  // its timeout, with libcurl's error, as it would have without this set.
  const int operation = entry.in_set ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  if (epoll_ctl(epoll_fd_, operation, socket, &event) == 0) {
    entry.in_set = true;
    entry.events = events;
  }
}

void SocketWatch::Unwatch(int socket) {
  auto& entry = At(socket);
  entry.watched = false;
  if (!entry.in_set) {
    return;
  }
  if (entry.connection) {
    unwatched_.push_back(socket);
    return;
  }
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
  entry.in_set = false;
}

void SocketWatch::Opened(int socket) { At(socket) = Entry{.connection = true}; }

void SocketWatch::Closing(int socket) { At(socket) = Entry{}; }

void SocketWatch::Settle() {
  for (const int socket : unwatched_) {
    auto& entry = At(socket);
    if (entry.in_set && !entry.watched) {
      epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
      entry.in_set = false;
    }
  }
  unwatched_.clear();
}

int SocketWatch::Wait(epoll_event* events, int capacity, int timeout_ms) {
  Settle();
  return epoll_wait(epoll_fd_, events, capacity, timeout_ms);
}

}  // namespace etalon::adapters::http
