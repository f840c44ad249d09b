// A fresh folder under the system's temp dir, removed with its contents at
// the end of the test, and helpers to write files into it.
#pragma once

#include <filesystem>
#include <string>

namespace etalon::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/relative (creating folders) and returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const;
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path);

}  // namespace etalon::testing
