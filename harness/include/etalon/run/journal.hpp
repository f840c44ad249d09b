// results.jsonl: one line per completed (adapter, suite, sample, repeat),
// appended as each request completes. Opening an existing journal (resume)
// reads the keys already done; a torn last line, the trace of a kill in the
// middle of a write, is cut off with a warning.
//
// Durability (docs/durability.md): a line reaches the kernel before Append
// returns, which survives the process being killed, with any line another
// thread's batch has not written yet; inside a batch of completions
// (core/completion_batch.hpp) it reaches it at the batch's end, with the
// batch's other lines in one write. With LineSync::kFdatasync the
// lines also reach the disk then, one flush per write, which survives a
// power cut. A failed write (disk full) is cut back off, so the file always
// ends at a complete line, and every later Append and Flush throws its error.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
  const std::string& path() const;

  // Appends one result line. Thread-safe. Returns false, writing nothing, when
  // the key is already in the journal (under kResumedKeys: among the keys
  // read back). Throws JournalError on a write error (disk full...), naming
  // the file and the cause; what the failed write left is cut off, and every
  // later Append throws the same error.
  bool Append(const core::RunKey& key, const nlohmann::ordered_json& record);
  // The same for a line already written as text (ResultLine), without its newline.
  bool AppendLine(const core::RunKey& key, std::string line);
  // Writes the lines a batch of completions has not written yet. Throws
  // JournalError when a write failed, now or at a batch's end: a run calls
  // it once every request has completed, so no failure goes unreported.
  void Flush();

  // Reads the run key of a result line; throws nlohmann::json errors on a bad line.
  static core::RunKey KeyOf(const nlohmann::json& record);

 private:
  // The file and what is written to it, shared with the write a batch of
  // completions defers, which may run after the journal is gone.
  struct Writer;

  void LoadExisting(std::vector<std::string>& warnings);

  std::shared_ptr<Writer> writer_;
  // Whether a key must be digested and looked up: always under kEveryKey;
  // under kResumedKeys only when keys were read back, for a fresh run's
  // journal refuses nothing (two SHA-256 a result spared).
  bool checks_keys_ = true;
};

}  // namespace etalon::run
