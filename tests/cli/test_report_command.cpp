// Integration tests of `etalon report`: the real binary on a finished run folder.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/mini_project.hpp"
#include "support/payload_run.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::PayloadRun;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;

TEST_CASE("etalon run writes the HTML and Markdown reports; etalon report writes every format", "[cli][integration]") {
  PayloadRun run(3);
  CHECK(std::filesystem::exists(run.folder + "/report.html"));
  CHECK(std::filesystem::exists(run.folder + "/report.md"));
  CHECK_FALSE(std::filesystem::exists(run.folder + "/results.csv"));
  const auto out = run.dir.Path("reports");
  const auto result = RunEtalon({"report", run.folder, "--out", out, "--lang", "en", "--csv-bom"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  for (const char* name : {"report.html", "report.md", "results.csv", "summary.json", "junit.xml"}) {
    CHECK_THAT(result.out, Catch::Contains("report:  " + out + "/" + name));
    CHECK(std::filesystem::file_size(out + "/" + name) > 0);
  }
  CHECK_THAT(ReadFile(out + "/report.html"), Catch::Contains("<html lang=\"en\">"));
  CHECK_THAT(ReadFile(out + "/results.csv"), Catch::StartsWith("\xEF\xBB\xBFrecord,"));
}

TEST_CASE("etalon report: reports are byte-identical when rendered again or from a copied run folder", "[cli][integration]") {
  PayloadRun run(5);
  REQUIRE(RunEtalon({"report", run.folder, "--out", run.dir.Path("a")}).exit_code == 0);
  REQUIRE(RunEtalon({"report", run.folder, "--out", run.dir.Path("b")}).exit_code == 0);
  std::filesystem::copy(run.folder, run.dir.Path("copy"), std::filesystem::copy_options::recursive);
  REQUIRE(RunEtalon({"report", run.dir.Path("copy"), "--out", run.dir.Path("c")}).exit_code == 0);
  for (const char* name : {"report.html", "report.md", "results.csv", "summary.json", "junit.xml"}) {
    INFO(name);
    const auto first = ReadFile(run.dir.Path(std::string("a/") + name));
    CHECK(ReadFile(run.dir.Path(std::string("b/") + name)) == first);
    CHECK(ReadFile(run.dir.Path(std::string("c/") + name)) == first);
  }
  // The reports the run wrote at its end, its samples collected during the
  // summary's pass, are the ones `etalon report` writes from the files.
  CHECK(ReadFile(run.folder + "/report.md") == ReadFile(run.dir.Path("a/report.md")));
  CHECK(ReadFile(run.folder + "/report.html") == ReadFile(run.dir.Path("a/report.html")));
}

TEST_CASE("The samples a run's HTML report shows, collected in the summary's pass, are those a report reads back",
          "[cli][integration]") {
  // More results than the first samples shown per cell, and a cell of
  // failures shown beyond them.
  MiniProject project(30);
  project.dir.Write("plans/p.yaml",
                    "name: p\nadapters:\n  - id: echo\n    kind: builtin:echo\n"
                    "  - id: lead\n    kind: builtin:lead\n    options: {field: absent}\nsuites: [s]\n");
  const auto run = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"});
  REQUIRE(run.exit_code == 3);  // the failures are above the tolerance
  REQUIRE(RunEtalon({"report", project.Out(), "--format", "html", "--out", project.Out("again")}).exit_code == 0);
  const auto html = ReadFile(project.Out() + "/report.html");
  CHECK(html == ReadFile(project.Out("again") + "/report.html"));
  CHECK_THAT(html, Catch::Contains("data-ok=\"false\""));
  CHECK_THAT(html, Catch::Contains("data-ok=\"true\""));
}

TEST_CASE("etalon report: unknown formats, languages and folders are clear errors", "[cli]") {
  const auto format = RunEtalon({"report", "nowhere", "--format", "html,pdf"});
  CHECK(format.exit_code == 2);
  CHECK_THAT(format.err, Catch::Contains("unknown report format 'pdf' (known: html, md, csv, json, junit"));
  const auto language = RunEtalon({"report", "nowhere", "--lang", "de"});
  CHECK(language.exit_code == 2);
  CHECK_THAT(language.err, Catch::Contains("--lang must be fr or en, got 'de'"));
  const auto folder = RunEtalon({"report", "nowhere"});
  CHECK(folder.exit_code == 2);
  CHECK_THAT(folder.err, Catch::Contains("nowhere/summary.json: cannot read"));
}

TEST_CASE("A run's reports show an unbounded metric (WER) as `etalon report` does, from summary.json's values",
          "[cli][integration]") {
  // WER has no upper bound: infinite in memory, null in summary.json. The
  // run's reports are drawn from what summary.json holds, so its bars match.
  MiniProject project(6);
  project.dir.Write("suites/s.yaml",
                    "id: s\ntask: chat\ndataset: ../datasets/d.jsonl\ntemplate: |\n  Résume : {{input}}\n"
                    "metrics: [token_f1, wer]\n");
  REQUIRE(RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"}).exit_code == 0);
  REQUIRE(RunEtalon({"report", project.Out(), "--out", project.Out("again")}).exit_code == 0);
  for (const char* name : {"report.html", "report.md"}) {
    INFO(name);
    CHECK(ReadFile(project.Out() + "/" + name) == ReadFile(project.Out("again") + "/" + name));
  }
}
