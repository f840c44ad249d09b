// cmake/GitRevision.cmake, run as the build runs it (cmake -P) over a small
// git repository of its own: the header it writes must name the commit of the
// tree at that moment, mark uncommitted changes to tracked files, and be left
// untouched when nothing changed, so that a build of an unchanged tree
// recompiles nothing.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunProcess;
using etalon::testing::TempDir;

namespace {

const std::string kGit = ETALON_GIT_EXECUTABLE;  // empty when git was not found at configure time

// A source tree without git (an unpacked archive) is the last test's case.
bool GitIsMissing() {
  if (kGit.empty()) {
    WARN("git was not found when the build was configured: the stamp's git cases are not run");
    return true;
  }
  return false;
}

class StampedTree {
 public:
  StampedTree() : source_(folder_.path() / "source"), header_(folder_.Path("generated/etalon/version.hpp")) {
    std::filesystem::create_directories(source_);
  }

  const std::string& header() const { return header_; }

  std::string Git(const std::vector<std::string>& args) const {
    std::vector<std::string> full{"-C", source_.string()};
    full.insert(full.end(), args.begin(), args.end());
    const auto result = RunProcess(kGit, full,
                                   {"GIT_AUTHOR_NAME=etalon test", "GIT_AUTHOR_EMAIL=test@example.org",
                                    "GIT_COMMITTER_NAME=etalon test", "GIT_COMMITTER_EMAIL=test@example.org"});
    INFO("git " << args.front() << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
  }

  void Write(const std::string& file, const std::string& content) const { folder_.Write("source/" + file, content); }

  std::string Commit(const std::string& file, const std::string& content) const {
    Write(file, content);
    Git({"add", file});
    Git({"-c", "commit.gpgsign=false", "commit", "-q", "-m", "change " + file});
    auto sha = Git({"rev-parse", "HEAD"});
    sha.pop_back();  // the line break
    return sha;
  }

  std::string Stamp() const {
    const auto result = RunProcess(ETALON_CMAKE_COMMAND, {"-DETALON_SOURCE_DIR=" + source_.string(),
                                                          "-DETALON_VERSION_HEADER=" + header_,
                                                          "-DETALON_VERSION=9.8.7",
                                                          "-DETALON_COMPILED_CATALOG=/catalog.json",
                                                          "-DGIT_EXECUTABLE=" + kGit, "-P",
                                                          std::string(ETALON_SOURCE_DIR) + "/cmake/GitRevision.cmake"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return ReadFile(header_);
  }

 private:
  TempDir folder_;
  std::filesystem::path source_;
  std::string header_;
};

}  // namespace

TEST_CASE("The version stamp names the commit the tree is at when the build runs", "[build]") {
  if (GitIsMissing()) return;
  StampedTree tree;
  tree.Git({"init", "-q"});
  const auto first = tree.Commit("a.txt", "one\n");
  auto header = tree.Stamp();
  CHECK(header.find("kGitSha = \"" + first + "\"") != std::string::npos);
  CHECK(header.find("kGitDirty = false") != std::string::npos);
  CHECK(header.find("kVersion = \"9.8.7\"") != std::string::npos);
  CHECK(header.find("kCompiledCatalogPath = \"/catalog.json\"") != std::string::npos);

  const auto second = tree.Commit("a.txt", "two\n");
  REQUIRE(second != first);
  header = tree.Stamp();
  CHECK(header.find("kGitSha = \"" + second + "\"") != std::string::npos);
  CHECK(header.find(first) == std::string::npos);
}

TEST_CASE("The version stamp marks changes to tracked files, not untracked ones", "[build]") {
  if (GitIsMissing()) return;
  StampedTree tree;
  tree.Git({"init", "-q"});
  tree.Commit("a.txt", "one\n");
  // A checkout's build folder and run folders are untracked: they leave it clean.
  tree.Write("build/notes.txt", "untracked\n");
  CHECK(tree.Stamp().find("kGitDirty = false") != std::string::npos);
  tree.Write("a.txt", "edited\n");
  CHECK(tree.Stamp().find("kGitDirty = true") != std::string::npos);
}

TEST_CASE("The version stamp leaves an unchanged header untouched", "[build]") {
  if (GitIsMissing()) return;
  StampedTree tree;
  tree.Git({"init", "-q"});
  tree.Commit("a.txt", "one\n");
  tree.Stamp();
  // Set back an hour, so that a rewrite shows whatever the file system's clock granularity.
  const auto old_time = std::filesystem::last_write_time(tree.header()) - std::chrono::hours(1);
  std::filesystem::last_write_time(tree.header(), old_time);
  tree.Stamp();
  CHECK(std::filesystem::last_write_time(tree.header()) == old_time);
  tree.Commit("a.txt", "two\n");
  tree.Stamp();
  CHECK(std::filesystem::last_write_time(tree.header()) != old_time);
}

TEST_CASE("Outside a git checkout the version stamp says the revision is unknown", "[build]") {
  StampedTree tree;
  const auto header = tree.Stamp();
  CHECK(header.find("kGitSha = \"unknown\"") != std::string::npos);
  CHECK(header.find("kGitDirty = false") != std::string::npos);
}
