#include "etalon/run/journal_follower.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/thread_name.hpp"

namespace etalon::run {

namespace {

// How often the thread looks for new lines: a run's answers land in bursts,
// and what is left at Finish is read then anyway.
constexpr std::chrono::milliseconds kPollInterval{10};
constexpr std::size_t kReadSize = 64 * 1024;

}  // namespace

JournalFollower::JournalFollower(const std::string& path, Visit visit) : path_(path), visit_(std::move(visit)) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw std::runtime_error(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  }
}

void JournalFollower::Start() {
  const std::lock_guard lock(mutex_);
  if (started_ || stopping_) {
    return;
  }
  started_ = true;
  thread_ = std::thread([this] { Follow(); });
}

JournalFollower::~JournalFollower() {
  Stop();
  ::close(fd_);
}

void JournalFollower::Stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  // No Start can begin a thread now; one that did is joined.
  if (thread_.joinable()) {
    thread_.join();
  }
}

void JournalFollower::ReadAvailable(bool last) {
  const auto visit = [this](std::size_t begin, std::size_t end) {
    line_.assign(buffer_, begin, end - begin);
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (!line_.empty()) visit_(line_, line_number_);
  };
  std::array<char, kReadSize> chunk;  // filled by read: no need to clear it at every poll
  for (;;) {
    const ssize_t count = ::read(fd_, chunk.data(), chunk.size());
    if (count < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("{}: read error after line {}", path_, line_number_));
    }
    if (count == 0) break;
    buffer_.append(chunk.data(), static_cast<std::size_t>(count));
    std::size_t begin = 0;
    for (auto end = buffer_.find('\n'); end != std::string::npos; end = buffer_.find('\n', begin)) {
      visit(begin, end);
      begin = end + 1;
    }
    buffer_.erase(0, begin);
  }
  if (last && !buffer_.empty()) {
    visit(0, buffer_.size());
    buffer_.clear();
  }
}

// At idle priority the thread runs only on a core nobody else wants, so it
// never delays the requests it follows; whatever it has not read by the end
// is read by Finish at the caller's priority.
void JournalFollower::Follow() {
  core::NameThisThread("etalon-summary");
  sched_param idle{};
  pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);  // a refusal leaves it at normal priority
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      ReadAvailable(false);
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      return;
    }
    lock.lock();
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

void JournalFollower::Finish() {
  Stop();
  if (error_) {
    std::rethrow_exception(error_);
  }
  ReadAvailable(true);
}

}  // namespace etalon::run
