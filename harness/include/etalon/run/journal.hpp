// results.jsonl: one line per completed (adapter, suite, sample, repeat),
// appended with a single write(2) as each request completes, so a killed run
// loses at most the requests in flight. Opening an existing journal (resume)
// reads the keys already done; a torn last line, the trace of a kill in the
// middle of a write, is cut off with a warning.
//
// Durability (docs/durability.md): each line reaches the kernel before
// Append returns, which survives the process being killed. With
// LineSync::kFdatasync each line also reaches the disk before Append
// returns, which survives a power cut, at the cost of one flush per result.
// A failed write (disk full) is cut back off, so the file always ends at a
// complete line.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/key_digest.hpp"
#include "etalon/core/run_key.hpp"

namespace etalon::run {

inline constexpr int kResultsSchemaVersion = 1;

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What Append waits for: the kernel (kNone) or the disk (kFdatasync).
enum class LineSync { kNone, kFdatasync };

// Which keys Append refuses as already written. kEveryKey holds a 16-byte
// digest per line, growing with the journal. kResumedKeys holds only the keys
// read back at resume, so memory stays flat during a run: for a writer that
// never submits a key twice, as the runner (each planned key once, from
// adapter ids, suite ids and sample ids validated unique).
enum class KeyGuard { kEveryKey, kResumedKeys };

class Journal {
 public:
  // Creates `path` (fresh run) or reopens it (resume). Throws JournalError when
  // the file cannot be opened or a complete line in it is not a result.
  // Warnings (a torn last line cut off) are appended to `warnings`.
  Journal(std::string path, bool resume, std::vector<std::string>& warnings, LineSync sync = LineSync::kNone,
          KeyGuard guard = KeyGuard::kEveryKey);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Whether the key is among those Append refuses (see KeyGuard).
  bool Contains(const core::RunKey& key) const;
  std::size_t size() const;  // keys written: read back at resume and appended since
  const std::string& path() const { return path_; }

  // Writes one result line. Thread-safe. Returns false, writing nothing, when
  // the key is already in the journal (under kResumedKeys: among the keys read back). Throws JournalError on a write error
  // (disk full...), naming the file and the cause; what the failed write left
  // is cut off, and every later Append throws the same error.
  bool Append(const core::RunKey& key, const nlohmann::ordered_json& record);
  // The same for a line already written as text (ResultLine), without its newline.
  bool AppendLine(const core::RunKey& key, std::string line);

  // Reads the run key of a result line; throws nlohmann::json errors on a bad line.
  static core::RunKey KeyOf(const nlohmann::json& record);

 private:
  void LoadExisting(std::vector<std::string>& warnings);
  // Marks the journal broken after a failed write and throws; called with mutex_ held.
  [[noreturn]] void Fail(const core::KeyDigest& digest, const char* what);

  std::string path_;
  LineSync sync_;
  KeyGuard guard_;
  int fd_ = -1;
  off_t size_ = 0;  // the bytes of complete lines: where a failed write is cut back to
  mutable std::mutex mutex_;
  std::unordered_set<core::KeyDigest, core::KeyDigestHash> done_;
  // Whether a key must be digested and looked up: always under kEveryKey;
  // under kResumedKeys only when keys were read back, for a fresh run's
  // journal refuses nothing (two SHA-256 a result spared).
  bool checks_keys_ = true;
  std::size_t lines_ = 0;
  std::string failure_;  // the first failed write's error; once set, every Append throws it
};

}  // namespace etalon::run
