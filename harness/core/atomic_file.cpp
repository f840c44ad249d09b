#include "etalon/core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace etalon::core {

void WriteFileAtomically(const std::string& path, std::string_view content) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t result = ::write(fd, content.data() + written, content.size() - written);
    if (result < 0 && errno == EINTR) {
      continue;
    }
    if (result < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw std::runtime_error(fmt::format("{}: cannot write: {}", path, std::strerror(saved)));
    }
    written += static_cast<std::size_t>(result);
  }
  // The descriptor is closed whatever fails, so a full disk does not leak one per document.
  int failure = ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && failure == 0) {
    failure = errno;
  }
  if (failure == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) {
    failure = errno;
  }
  if (failure != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path, std::strerror(failure)));
  }
}

}  // namespace etalon::core
