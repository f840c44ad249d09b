#include "etalon/core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace etalon::core {

StagedFile::StagedFile(std::string path, std::string_view content)
    : path_(std::move(path)), temporary_(path_ + ".tmp") {
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
  }
  std::size_t written = 0;
  int failure = 0;
  while (written < content.size() && failure == 0) {
    const ssize_t result = ::write(fd, content.data() + written, content.size() - written);
    if (result < 0 && errno != EINTR) {
      failure = errno;
    } else if (result > 0) {
      written += static_cast<std::size_t>(result);
    }
  }
  // The descriptor is closed whatever fails, so a full disk does not leak one per document.
  if (failure == 0 && ::fsync(fd) != 0) {
    failure = errno;
  }
  if (::close(fd) != 0 && failure == 0) {
    failure = errno;
  }
  if (failure != 0) {
    ::unlink(temporary_.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path_, std::strerror(failure)));
  }
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : path_(std::move(other.path_)), temporary_(std::exchange(other.temporary_, std::string())) {}

StagedFile::~StagedFile() {
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
  }
}

void StagedFile::Commit() {
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
  }
  temporary_.clear();
}

void WriteFileAtomically(const std::string& path, std::string_view content) { StagedFile(path, content).Commit(); }

}  // namespace etalon::core
