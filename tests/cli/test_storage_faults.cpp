// Storage trouble and hostile ids (issue #12, item 6): a disk that fills up
// in the middle of a run, output folders that cannot be written, and sample
// ids made to become paths. Each must end in a clear error naming the file,
// with nothing written outside the run's folders and nothing lost.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "support/mini_project.hpp"
#include "support/process.hpp"
#include "support/result_lines.hpp"

using etalon::testing::MiniProject;
using etalon::testing::ReadFile;
using etalon::testing::ResultOutputs;
using etalon::testing::RunEtalon;

namespace {

std::set<std::string> FilesUnder(const std::filesystem::path& folder) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    files.insert(std::filesystem::relative(entry.path(), folder).string());
  }
  return files;
}

}  // namespace

TEST_CASE("A disk that fills up stops the run naming the journal, leaves it valid, and a resume completes it",
          "[cli][storage]") {
  MiniProject project(400, "{}", 8);
  // Each line flushed to the disk too: the failed write is cut back all the same.
  project.dir.Write("plans/p.yaml", ReadFile(project.plan) + "durability: fsync\n");
  const auto reference = RunEtalon({"run", project.plan, "--out", project.Out("reference"), "-q"});
  REQUIRE(reference.exit_code == 0);
  std::size_t reference_lines = 0;
  const auto expected = ResultOutputs(project.Out("reference") + "/results.jsonl", reference_lines);

  // Every file capped at 40 KB: run.json fits, the journal (about 200 KB) does not.
  const auto out = project.Out("full");
  const auto full = etalon::testing::RunEtalonWithFileSizeLimit({"run", project.plan, "--out", out, "-q"}, 40'000);
  CHECK(full.exit_code == 4);
  CHECK_THAT(full.err, Catch::Contains(out + "/results.jsonl: write failed: File too large; the results written "
                                             "before are intact") &&
                           Catch::Contains("rerun with --resume"));
  CHECK_FALSE(std::filesystem::exists(out + "/summary.json"));
  // The failed write was cut back off: the journal ends at a complete line, every line a result.
  const auto journal = ReadFile(out + "/results.jsonl");
  REQUIRE_FALSE(journal.empty());
  CHECK(journal.back() == '\n');
  std::size_t partial_lines = 0;
  const auto partial = ResultOutputs(out + "/results.jsonl", partial_lines);
  CHECK(partial_lines == partial.size());
  CHECK(partial.size() < expected.size());

  // Space is back: the resume has no torn line to cut and finishes the run.
  const auto resumed = RunEtalon({"run", project.plan, "--out", out, "--resume", "-q"});
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.err.find("torn last line") == std::string::npos);
  std::size_t lines = 0;
  CHECK(ResultOutputs(out + "/results.jsonl", lines) == expected);
  CHECK(lines == expected.size());
}

TEST_CASE("A disk that fills up while the documents are written leaves the run resumable", "[cli][storage]") {
  MiniProject project(20, "{}", 8);
  const auto out = project.Out("run");
  // The 20 results (about 16 KB) fit in 20 KB; report.html (about 24 KB) does not.
  const auto full = etalon::testing::RunEtalonWithFileSizeLimit({"run", project.plan, "--out", out, "-q"}, 20'000);
  CHECK(full.exit_code == 4);
  CHECK_THAT(full.err, Catch::Contains(out + "/report.html: cannot write: File too large"));
  CHECK_FALSE(std::filesystem::exists(out + "/summary.json"));  // the run is not marked finished
  for (const auto& file : FilesUnder(out)) {
    CHECK(file.find(".tmp") == std::string::npos);  // no half-written document left behind
  }
  const auto resumed = RunEtalon({"run", project.plan, "--out", out, "--resume", "-q"});
  CHECK(resumed.exit_code == 0);
  std::size_t lines = 0;
  CHECK(ResultOutputs(out + "/results.jsonl", lines).size() == 20);
  CHECK(lines == 20);
}

TEST_CASE("Output folders that cannot be written are clear errors naming them, and nothing is written",
          "[cli][storage]") {
  // Permission bits do not stop root; a path through a regular file stops everyone.
  MiniProject project(3);
  const auto blocker = project.dir.Write("blocker", "a file, not a folder\n");
  const auto before = FilesUnder(project.dir.path());

  auto result = RunEtalon({"run", project.plan, "--out", blocker + "/run", "-q"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(blocker + "/run: cannot create the output folder"));
  result = RunEtalon({"run", project.plan, "--out", blocker, "-q"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(blocker));
  CHECK(FilesUnder(project.dir.path()) == before);

  const auto out = project.Out("run");
  REQUIRE(RunEtalon({"run", project.plan, "--out", out, "-q"}).exit_code == 0);
  result = RunEtalon({"report", out, "--out", blocker + "/reports"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(blocker + "/reports: cannot create the output folder"));
  result = RunEtalon({"publish", out, "--site", blocker + "/site"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(blocker + "/site: cannot create the output folder"));
  CHECK(ReadFile(blocker) == "a file, not a folder\n");
}

TEST_CASE("Sample ids that could become paths are refused with their line, and nothing is created",
          "[cli][storage]") {
  MiniProject project(2);
  const std::vector<std::string> hostile = {"../escape", "a/b", "a\\\\b", "..", ".hidden", "a\\u0000b", "a\\nb",
                                            "/etc/passwd"};
  std::string data;
  for (const auto& id : hostile) {
    data += "{\"id\": \"" + id + "\", \"input\": \"Phrase.\", \"reference\": \"Phrase.\"}\n";
  }
  project.dir.Write("datasets/d.jsonl", data);
  const auto result = RunEtalon({"run", project.plan, "--out", project.Out(), "-q"});
  CHECK(result.exit_code == 2);
  for (std::size_t line = 1; line <= hostile.size(); ++line) {
    CHECK_THAT(result.err, Catch::Contains("d.jsonl:" + std::to_string(line) + ": field 'id'"));
  }
  CHECK_FALSE(std::filesystem::exists(project.Out()));
}

TEST_CASE("Hostile sample ids in a tampered journal put nothing outside the report and site folders",
          "[cli][storage]") {
  MiniProject project(3);
  const auto out = project.Out("run");
  REQUIRE(RunEtalon({"run", project.plan, "--out", out, "-q"}).exit_code == 0);
  // Rewrite the finished run's results with ids a file name must never be built from.
  const std::vector<std::string> hostile = {"../../escape", "a/b", "..\\x", "/tmp/etalon-escape"};
  std::string journal;
  std::size_t index = 0;
  for (auto record : etalon::testing::JsonLines(out + "/results.jsonl")) {
    record["sample"] = hostile[index++ % hostile.size()];
    journal += record.dump() + "\n";
  }
  project.dir.Write("run/results.jsonl", journal);
  const auto before = FilesUnder(project.dir.path());

  const auto report = RunEtalon({"report", out, "--out", project.Out("reports")});
  INFO(report.err);
  const auto publish = RunEtalon({"publish", out, "--site", project.Out("site")});
  INFO(publish.err);
  for (const auto& file : FilesUnder(project.dir.path())) {
    if (before.count(file) == 0) {
      INFO(file);
      CHECK((file.rfind("reports", 0) == 0 || file.rfind("site", 0) == 0));
    }
  }
  CHECK_FALSE(std::filesystem::exists(project.dir.path().parent_path() / "escape"));
  CHECK_FALSE(std::filesystem::exists("/tmp/etalon-escape"));
}
