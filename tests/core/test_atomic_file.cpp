// Tests for harness/core/atomic_file.cpp: a staged file is invisible until
// committed, and leaves nothing behind when it is not.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "etalon/core/atomic_file.hpp"

namespace fs = std::filesystem;
using etalon::core::StagedFile;
using etalon::core::WriteFileAtomically;

namespace {

fs::path FreshFolder(const std::string& name) {
  const auto folder = fs::temp_directory_path() / ("etalon-atomic-file-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Staged file: readers see the old content until the commit, the new one after", "[core][atomic_file]") {
  const auto folder = FreshFolder("commit");
  const auto path = folder / "summary.json";
  WriteFileAtomically(path.string(), "old\n");
  StagedFile staged(path.string(), "new\n");
  CHECK(Read(path) == "old\n");
  CHECK(fs::exists(path.string() + ".tmp"));
  staged.Commit();
  CHECK(Read(path) == "new\n");
  CHECK_FALSE(fs::exists(path.string() + ".tmp"));
  fs::remove_all(folder);
}

TEST_CASE("Staged file: one never committed leaves the old content and no temporary file", "[core][atomic_file]") {
  const auto folder = FreshFolder("abandon");
  const auto path = folder / "summary.json";
  WriteFileAtomically(path.string(), "old\n");
  {
    StagedFile staged(path.string(), "new\n");
    StagedFile moved(std::move(staged));
  }
  CHECK(Read(path) == "old\n");
  CHECK_FALSE(fs::exists(path.string() + ".tmp"));
  fs::remove_all(folder);
}

TEST_CASE("Staged file: a folder that does not exist is an error naming the file", "[core][atomic_file]") {
  const auto path = fs::temp_directory_path() / "etalon-atomic-file-missing" / "nested" / "summary.json";
  CHECK_THROWS_WITH(StagedFile(path.string(), "text"), Catch::Contains(path.string()) && Catch::Contains("cannot write"));
}
