#include "etalon/run/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

#include "etalon/core/completion_batch.hpp"
#include "etalon/core/key_digest.hpp"
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

struct Journal::Writer {
  std::string path;
  LineSync sync;
  KeyGuard guard;
  int fd = -1;
  off_t size = 0;  // the bytes of complete lines: where a failed write is cut back to
  std::mutex mutex;
  std::unordered_set<core::KeyDigest, core::KeyDigestHash> done;
  std::size_t lines = 0;
  std::string pending;  // lines accepted and not yet written
  std::size_t pending_lines = 0;
  std::vector<core::KeyDigest> pending_digests;  // under kEveryKey: undone if their write fails
  bool write_deferred = false;  // a batch of completions will write `pending` at its end
  std::string failure;  // the first failed write's error; once set, every Append throws it

  ~Writer() {
    if (fd >= 0) {
      ::close(fd);
    }
  }

  // Writes `pending` with one write call (with O_APPEND it lands whole or
  // not at all in practice; a partial write is cut off here or at resume).
  // False, having recorded the failure, when it cannot. Called with mutex held.
  bool WritePending() {
    write_deferred = false;
    if (!failure.empty()) {
      return false;
    }
    if (pending.empty()) {
      return true;
    }
    std::size_t written = 0;
    while (written < pending.size()) {
      const ssize_t result = ::write(fd, pending.data() + written, pending.size() - written);
      if (result < 0) {
        if (errno == EINTR) {
          continue;
        }
        return Fail("write failed");
      }
      written += static_cast<std::size_t>(result);
    }
    if (sync == LineSync::kFdatasync && ::fdatasync(fd) != 0) {
      return Fail("fdatasync failed");
    }
    size += static_cast<off_t>(pending.size());
    pending.clear();
    pending_lines = 0;
    pending_digests.clear();
    return true;
  }

  bool Fail(const char* what) {
    const int error = errno;
    for (const auto& digest : pending_digests) {
      done.erase(digest);
    }
    lines -= pending_lines;
    pending.clear();
    pending_lines = 0;
    pending_digests.clear();
    // A partial line would be cut off at resume anyway; cutting it now keeps the
    // file valid for every reader. If even that fails, resume still repairs it.
    const bool cut = ::ftruncate(fd, size) == 0;
    failure = fmt::format("{}: {}: {}; {}", path, what, std::strerror(error),
                          cut ? "the results written before are intact"
                              : "a partial last line remains and will be cut off at resume");
    return false;
  }
};

Journal::Journal(std::string path, bool resume, std::vector<std::string>& warnings, LineSync sync, KeyGuard guard)
    : writer_(std::make_shared<Writer>()) {
  auto& writer = *writer_;
  writer.path = std::move(path);
  writer.sync = sync;
  writer.guard = guard;
  if (resume) {
    LoadExisting(warnings);
  }
  // Set before the journal is shared; `done` changes afterwards only under kEveryKey.
  checks_keys_ = guard == KeyGuard::kEveryKey || !writer.done.empty();
  const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (resume ? 0 : O_EXCL);
  writer.fd = ::open(writer.path.c_str(), flags, 0644);
  struct stat status {};
  if (writer.fd < 0 || ::fstat(writer.fd, &status) != 0) {
    throw JournalError(fmt::format("{}: cannot open for writing: {}", writer.path, std::strerror(errno)));
  }
  writer.size = status.st_size;
  if (sync == LineSync::kFdatasync) {
    SyncParentFolder(writer.path);
  }
}

Journal::~Journal() {
  // What a batch has not written yet is written now; a failure was or will
  // be reported by Flush.
  const std::lock_guard lock(writer_->mutex);
  writer_->WritePending();
}

const std::string& Journal::path() const { return writer_->path; }

void Journal::LoadExisting(std::vector<std::string>& warnings) {
  auto& writer = *writer_;
  const auto& path = writer.path;
  core::LineReader reader(path);
  if (!reader.is_open()) {
    return;  // nothing written yet: a run killed before its first result
  }
  std::string line;
  std::size_t good_bytes = 0;
  while (reader.Next(line)) {
    if (reader.last_line_unterminated()) {
      // Killed in the middle of a write: the line never completed, its request is redone.
      warnings.push_back(fmt::format("{}:{}: torn last line ({} bytes) cut off; its request will run again", path,
                                     reader.line_number(), line.size()));
      if (::truncate(path.c_str(), static_cast<off_t>(good_bytes)) != 0) {
        throw JournalError(fmt::format("{}: cannot cut off the torn last line: {}", path, std::strerror(errno)));
      }
      break;
    }
    good_bytes += line.size() + 1;
    try {
      const auto record = ParseJournalLine(line, {"adapter", "suite", "sample", "repeat"});
      if (writer.done.insert(core::DigestKey(KeyOf(record).Canonical())).second) {
        ++writer.lines;
      }
    } catch (const nlohmann::json::exception& error) {
      throw JournalError(fmt::format("{}:{}: not a result line ({}); the journal is damaged", path,
                                     reader.line_number(), error.what()));
    }
  }
  if (reader.failed()) {
    throw JournalError(fmt::format("{}: read error", path));
  }
}

bool Journal::Contains(const core::RunKey& key) const {
  if (!checks_keys_) {
    return false;
  }
  const auto digest = core::DigestKey(key.Canonical());
  const std::lock_guard lock(writer_->mutex);
  return writer_->done.count(digest) > 0;
}

std::size_t Journal::size() const {
  const std::lock_guard lock(writer_->mutex);
  return writer_->lines;
}

bool Journal::Append(const core::RunKey& key, const nlohmann::ordered_json& record) {
  return AppendLine(key, record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bool Journal::AppendLine(const core::RunKey& key, std::string line) {
  const auto digest = checks_keys_ ? core::DigestKey(key.Canonical()) : core::KeyDigest{};
  auto& writer = *writer_;
  const std::lock_guard lock(writer.mutex);
  if (!writer.failure.empty()) {
    throw JournalError(writer.failure);  // the first failure's cause, whichever thread reports it
  }
  if (checks_keys_ &&
      (writer.guard == KeyGuard::kEveryKey ? !writer.done.insert(digest).second : writer.done.count(digest) > 0)) {
    return false;
  }
  writer.pending += line;
  writer.pending += '\n';
  ++writer.pending_lines;
  ++writer.lines;
  if (writer.guard == KeyGuard::kEveryKey) {
    writer.pending_digests.push_back(digest);
  }
  // In a batch of completions, its end writes every line it appended, once.
  if (core::CompletionBatch::IsOpen()) {
    if (!writer.write_deferred) {
      core::CompletionBatch::Defer([shared = writer_] {
        const std::lock_guard deferred_lock(shared->mutex);
        shared->WritePending();
      });
      writer.write_deferred = true;
    }
    return true;
  }
  // Outside a batch the line is written now, with any that a batch on
  // another thread has not written yet.
  if (!writer.WritePending()) {
    throw JournalError(writer.failure);
  }
  return true;
}

void Journal::Flush() {
  const std::lock_guard lock(writer_->mutex);
  if (!writer_->WritePending()) {
    throw JournalError(writer_->failure);
  }
}

}  // namespace etalon::run
