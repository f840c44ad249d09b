#include "etalon/run/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/run/journal_reader.hpp"

namespace etalon::run {

core::RunKey Journal::KeyOf(const nlohmann::json& record) {
  return {record.at("adapter").get<std::string>(), record.at("suite").get<std::string>(),
          record.at("sample").get<std::string>(), record.at("repeat").get<int>()};
}

namespace {

// A new file's name reaches the disk with its folder's entry: flush the folder too.
void SyncParentFolder(const std::string& path) {
  const auto folder = std::filesystem::path(path).parent_path();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Journal::Journal(std::string path, bool resume, std::vector<std::string>& warnings, LineSync sync, KeyGuard guard)
    : path_(std::move(path)), sync_(sync), guard_(guard) {
  if (resume) {
    LoadExisting(warnings);
  }
  // Set before the journal is shared; done_ changes afterwards only under kEveryKey.
  checks_keys_ = guard_ == KeyGuard::kEveryKey || !done_.empty();
  const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (resume ? 0 : O_EXCL);
  fd_ = ::open(path_.c_str(), flags, 0644);
  struct stat status {};
  if (fd_ < 0 || ::fstat(fd_, &status) != 0) {
    const int error = errno;
    if (fd_ >= 0) {
      ::close(fd_);
    }
    throw JournalError(fmt::format("{}: cannot open for writing: {}", path_, std::strerror(error)));
  }
  size_ = status.st_size;
  if (sync_ == LineSync::kFdatasync) {
    SyncParentFolder(path_);
  }
}

Journal::~Journal() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void Journal::LoadExisting(std::vector<std::string>& warnings) {
  core::LineReader reader(path_);
  if (!reader.is_open()) {
    return;  // nothing written yet: a run killed before its first result
  }
  std::string line;
  std::size_t good_bytes = 0;
  while (reader.Next(line)) {
    if (reader.last_line_unterminated()) {
      // Killed in the middle of a write: the line never completed, its request is redone.
      warnings.push_back(fmt::format("{}:{}: torn last line ({} bytes) cut off; its request will run again", path_,
                                     reader.line_number(), line.size()));
      if (::truncate(path_.c_str(), static_cast<off_t>(good_bytes)) != 0) {
        throw JournalError(fmt::format("{}: cannot cut off the torn last line: {}", path_, std::strerror(errno)));
      }
      break;
    }
    good_bytes += line.size() + 1;
    try {
      const auto record = ParseJournalLine(line, {"adapter", "suite", "sample", "repeat"});
      if (done_.insert(core::DigestKey(KeyOf(record).Canonical())).second) {
        ++lines_;
      }
    } catch (const nlohmann::json::exception& error) {
      throw JournalError(fmt::format("{}:{}: not a result line ({}); the journal is damaged", path_,
                                     reader.line_number(), error.what()));
    }
  }
  if (reader.failed()) {
    throw JournalError(fmt::format("{}: read error", path_));
  }
}

bool Journal::Contains(const core::RunKey& key) const {
  if (!checks_keys_) {
    return false;
  }
  const auto digest = core::DigestKey(key.Canonical());
  std::lock_guard lock(mutex_);
  return done_.count(digest) > 0;
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

bool Journal::Append(const core::RunKey& key, const nlohmann::ordered_json& record) {
  return AppendLine(key, record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bool Journal::AppendLine(const core::RunKey& key, std::string line) {
  line.push_back('\n');
  const auto digest = checks_keys_ ? core::DigestKey(key.Canonical()) : core::KeyDigest{};
  std::lock_guard lock(mutex_);
  if (!failure_.empty()) {
    throw JournalError(failure_);  // the first failure's cause, whichever thread reports it
  }
  if (checks_keys_ && (guard_ == KeyGuard::kEveryKey ? !done_.insert(digest).second : done_.count(digest) > 0)) {
    return false;
  }
  // One write call per line: with O_APPEND the line lands whole or not at all
  // in practice; a partial write (disk full) is detected and cut off at resume.
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t result = ::write(fd_, line.data() + written, line.size() - written);
    if (result < 0) {
      if (errno == EINTR) {
        continue;
      }
      Fail(digest, "write failed");
    }
    written += static_cast<std::size_t>(result);
  }
  if (sync_ == LineSync::kFdatasync && ::fdatasync(fd_) != 0) {
    Fail(digest, "fdatasync failed");
  }
  size_ += static_cast<off_t>(line.size());
  ++lines_;
  return true;
}

void Journal::Fail(const core::KeyDigest& digest, const char* what) {
  const int error = errno;
  if (guard_ == KeyGuard::kEveryKey) {
    done_.erase(digest);
  }
  // A partial line would be cut off at resume anyway; cutting it now keeps the
  // file valid for every reader. If even that fails, resume still repairs it.
  const bool cut = ::ftruncate(fd_, size_) == 0;
  failure_ = fmt::format("{}: {}: {}; {}", path_, what, std::strerror(error),
                         cut ? "the results written before are intact"
                             : "a partial last line remains and will be cut off at resume");
  throw JournalError(failure_);
}

}  // namespace etalon::run
