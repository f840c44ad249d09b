// Writes a whole file so that readers see the old or the new content, never
// a half-written one: a temporary file beside it, fsync, then rename.
#pragma once

#include <string>
#include <string_view>

namespace etalon::core {

// A file written and flushed to disk under a temporary name (`path` + ".tmp")
// and put in place by Commit. Several can be written at once, their flushes
// overlapping, and put in place in the order that matters to readers.
// Throws std::runtime_error naming the path and the system's reason.
class StagedFile {
 public:
  StagedFile(std::string path, std::string_view content);
  // Removes the temporary file when Commit was not called or failed.
  ~StagedFile();
  StagedFile(StagedFile&& other) noexcept;
  StagedFile& operator=(StagedFile&&) = delete;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // Renames the temporary file to `path`.
  void Commit();

 private:
  std::string path_;
  std::string temporary_;  // empty once committed or moved from
};

void WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace etalon::core
