// Integration tests of `etalon publish` and `etalon verify`: the real binary
// on run folders made by `etalon run`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "etalon/core/sha256.hpp"
#include "support/mini_project.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;

namespace {

// Two finished runs of the mini project, in folders "alpha" and "beta".
struct TwoRuns {
  MiniProject project{4};
  std::string alpha = project.Out("alpha");
  std::string beta = project.Out("beta");
  TwoRuns() {
    for (const auto& out : {alpha, beta}) {
      const auto result = RunEtalon({"run", project.plan, "--out", out, "--quiet"});
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
    }
  }
};

std::set<std::string> FilesUnder(const std::filesystem::path& folder) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.insert(entry.path().lexically_relative(folder).generic_string());
  }
  return files;
}

}  // namespace

TEST_CASE("etalon publish: a leaderboard over both runs, their pages and evidence, a manifest that verifies",
          "[cli][integration][publish]") {
  TwoRuns runs;
  const auto site = runs.project.Out("site");
  const auto published = RunEtalon({"publish", runs.beta, runs.alpha, "--site", site});
  INFO(published.err);
  REQUIRE(published.exit_code == 0);
  CHECK(FilesUnder(site) == std::set<std::string>{"index.html", "manifest.json", "runs/alpha/index.html",
                                                  "runs/alpha/results.jsonl", "runs/alpha/run.json",
                                                  "runs/alpha/summary.json", "runs/beta/index.html",
                                                  "runs/beta/results.jsonl", "runs/beta/run.json",
                                                  "runs/beta/summary.json"});
  CHECK(ReadFile(site + "/runs/alpha/results.jsonl") == ReadFile(runs.alpha + "/results.jsonl"));
  const auto leaderboard = ReadFile(site + "/index.html");
  CHECK_THAT(leaderboard, Catch::Contains("<html lang=\"fr\">"));
  CHECK_THAT(leaderboard, Catch::Contains("Classement etalon"));
  CHECK_THAT(leaderboard, Catch::Contains("<th scope=\"col\">Adaptateur</th>"));
  CHECK_THAT(leaderboard, Catch::Contains("<th scope=\"row\">echo</th>"));
  CHECK_THAT(leaderboard, Catch::Contains("token_f1 : "));
  for (const char* run : {"alpha", "beta"}) {
    for (const char* file : {"index.html", "summary.json", "results.jsonl"}) {
      CHECK_THAT(leaderboard, Catch::Contains(std::string("href=\"runs/") + run + "/" + file + "\""));
    }
  }
  CHECK(leaderboard.find("runs/alpha/") < leaderboard.find("runs/beta/"));  // sorted by run id
  CHECK_THAT(leaderboard, !Catch::Contains("http://") && !Catch::Contains("https://") && !Catch::Contains("<script"));

  const auto manifest = nlohmann::json::parse(ReadFile(site + "/manifest.json"));
  CHECK(manifest.at("schema") == 1);
  CHECK(manifest.at("etalon").at("version").is_string());
  REQUIRE(manifest.at("files").size() == 9);
  std::string previous;
  for (const auto& file : manifest.at("files")) {
    const auto path = file.at("path").get<std::string>();
    INFO(path);
    CHECK(path > previous);
    previous = path;
    CHECK(file.at("sha256") == etalon::core::Sha256Hex(ReadFile(site + "/" + path)));
    CHECK(file.at("bytes") == std::filesystem::file_size(site + "/" + path));
  }

  const auto verified = RunEtalon({"verify", site});
  INFO(verified.out + verified.err);
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("verified: 9 files match"));

  const auto english = runs.project.Out("site-en");
  REQUIRE(RunEtalon({"publish", runs.alpha, "--site", english, "--lang", "en"}).exit_code == 0);
  CHECK_THAT(ReadFile(english + "/index.html"), Catch::Contains("etalon leaderboard"));
}

TEST_CASE("etalon verify: an altered byte, a deleted file and an added file are each named, exit 1",
          "[cli][integration][verify]") {
  TwoRuns runs;
  const auto site = runs.project.Out("site");
  REQUIRE(RunEtalon({"publish", runs.alpha, runs.beta, "--site", site}).exit_code == 0);
  const auto evidence = site + "/runs/beta/results.jsonl";
  auto bytes = ReadFile(evidence);
  bytes[bytes.size() / 2] ^= 1;
  std::ofstream(evidence, std::ios::binary | std::ios::trunc) << bytes;
  auto result = RunEtalon({"verify", site});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("altered:  runs/beta/results.jsonl"));

  std::filesystem::remove(site + "/runs/alpha/run.json");
  std::ofstream(site + "/runs/alpha/extra.html") << "<p>added later</p>";
  result = RunEtalon({"verify", site});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("missing:  runs/alpha/run.json"));
  CHECK_THAT(result.out, Catch::Contains("unlisted: runs/alpha/extra.html"));
  CHECK_THAT(result.out, Catch::Contains("altered:  runs/beta/results.jsonl"));
}

TEST_CASE("etalon verify: no manifest or a malformed one is an input error naming the file and field",
          "[cli][integration][verify]") {
  TwoRuns runs;
  const auto site = runs.project.Out("site");
  auto result = RunEtalon({"verify", site});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(site + "/manifest.json: cannot read"));
  REQUIRE(RunEtalon({"publish", runs.alpha, "--site", site}).exit_code == 0);
  auto manifest = nlohmann::json::parse(ReadFile(site + "/manifest.json"));
  manifest["files"][1].erase("sha256");
  std::ofstream(site + "/manifest.json", std::ios::trunc) << manifest.dump();
  result = RunEtalon({"verify", site});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(site + "/manifest.json: field 'files[1].sha256'"));
}

TEST_CASE("etalon publish: missing or unfinished runs are named, exit 2, and nothing is written",
          "[cli][integration][publish]") {
  TwoRuns runs;
  const auto site = runs.project.Out("site");
  auto result = RunEtalon({"publish", runs.alpha, runs.project.Out("nowhere"), "--site", site});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(runs.project.Out("nowhere") + ": no such run folder"));
  std::filesystem::remove(runs.beta + "/summary.json");
  result = RunEtalon({"publish", runs.alpha, runs.beta, "--site", site});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(runs.beta + ": no summary.json, the run is unfinished"));
  CHECK_FALSE(std::filesystem::exists(site));
  CHECK(RunEtalon({"publish", "--site", site}).exit_code == 2);
}

TEST_CASE("etalon publish: run folders named with '..' or given through '..' write only inside the site",
          "[cli][integration][publish]") {
  TwoRuns runs;
  const auto hostile = runs.project.Out("..evil");
  std::filesystem::copy(runs.alpha, hostile, std::filesystem::copy_options::recursive);
  const auto before = FilesUnder(runs.project.dir.path());
  const auto site = runs.project.Out("site");
  const auto result = RunEtalon({"publish", hostile, runs.beta + "/../beta/", "--site", site});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(std::filesystem::is_directory(site + "/runs/evil"));
  CHECK(std::filesystem::is_directory(site + "/runs/beta"));
  std::set<std::string> outside_site;
  for (const auto& file : FilesUnder(runs.project.dir.path())) {
    if (file.rfind("site/", 0) != 0) outside_site.insert(file);
  }
  CHECK(outside_site == before);
  CHECK(FilesUnder(site + "/runs") == std::set<std::string>{"beta/index.html", "beta/results.jsonl", "beta/run.json",
                                                            "beta/summary.json", "evil/index.html",
                                                            "evil/results.jsonl", "evil/run.json",
                                                            "evil/summary.json"});
  const auto clash = RunEtalon({"publish", runs.alpha, runs.alpha + "/", "--site", runs.project.Out("site2")});
  CHECK(clash.exit_code == 2);
  CHECK_THAT(clash.err, Catch::Contains("would both publish as runs/alpha"));
}

TEST_CASE("etalon publish: the same runs give byte-identical sites", "[cli][integration][publish]") {
  TwoRuns runs;
  const auto first = runs.project.Out("first");
  const auto second = runs.project.Out("second");
  REQUIRE(RunEtalon({"publish", runs.alpha, runs.beta, "--site", first}).exit_code == 0);
  REQUIRE(RunEtalon({"publish", runs.beta, runs.alpha, "--site", second}).exit_code == 0);
  REQUIRE(RunEtalon({"publish", runs.alpha, runs.beta, "--site", first}).exit_code == 0);  // again, in place
  const auto files = FilesUnder(first);
  REQUIRE(files == FilesUnder(second));
  for (const auto& file : files) {
    INFO(file);
    CHECK(ReadFile(first + "/" + file) == ReadFile(second + "/" + file));
  }
}
