#include "http/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace etalon::adapters::http {

namespace {

constexpr off_t kMaxKeyBytes = 16 * 1024;

KeyFileProblem Problem(const std::string& path, const std::string& what) {
  return {fmt::format("{}: {}", path, what)};
}

}  // namespace

std::variant<std::string, KeyFileProblem> ReadKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return Problem(path, fmt::format("cannot open the key file: {}", std::strerror(errno)));
  }
  // The checks are made on the open file, so the file read is the file checked.
  struct stat status {};
  std::variant<std::string, KeyFileProblem> result = Problem(path, "cannot read the key file");
  if (::fstat(fd, &status) != 0) {
    result = Problem(path, fmt::format("cannot inspect the key file: {}", std::strerror(errno)));
  } else if (!S_ISREG(status.st_mode)) {
    result = Problem(path, "the key file is not a regular file");
  } else if (status.st_uid != ::geteuid()) {
    result = Problem(path, fmt::format("the key file belongs to user id {}, not to the user running etalon ({})",
                                       status.st_uid, ::geteuid()));
  } else if ((status.st_mode & 077) != 0) {
    result = Problem(path, fmt::format("the key file has mode {:04o}: other users may read it; "
                                       "make it private (chmod 600)",
                                       status.st_mode & 07777));
  } else if (status.st_size > kMaxKeyBytes) {
    result = Problem(path, fmt::format("the key file is larger than {} bytes: it must hold the key alone", kMaxKeyBytes));
  } else {
    std::string key(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t got = 0;
    int read_error = 0;
    while (got < key.size()) {
      const ssize_t read_now = ::read(fd, key.data() + got, key.size() - got);
      if (read_now > 0) {
        got += static_cast<std::size_t>(read_now);
      } else if (read_now == 0) {
        break;
      } else if (errno != EINTR) {
        read_error = errno;
        break;
      }
    }
    key.resize(got);
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) {
      key.pop_back();
    }
    if (read_error != 0) {
      result = Problem(path, fmt::format("cannot read the key file: {}", std::strerror(read_error)));
    } else if (key.empty()) {
      result = Problem(path, "the key file is empty");
    } else if (key.find_first_of("\r\n") != std::string::npos || key.find('\0') != std::string::npos) {
      result = Problem(path, "the key file must hold the key alone, on one line");
    } else {
      result = std::move(key);
    }
  }
  ::close(fd);
  return result;
}

}  // namespace etalon::adapters::http
