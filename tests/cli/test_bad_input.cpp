// Each kind of bad input named in the foundation issue: one clear message
// with file:line (and field), exit code 2, and no results file left behind.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/mini_project.hpp"
#include "support/process.hpp"

using etalon::testing::MiniProject;
using etalon::testing::RunEtalon;

namespace {

struct BadInput {
  const char* name;
  const char* file;     // relative to the project; empty: no file changed
  const char* content;
  const char* message;  // expected in stderr; "{root}" stands for the project folder
};

const BadInput kBadInputs[] = {
    {"malformed JSONL line", "datasets/d.jsonl",
     "{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"b\", \"input\": \"y\"\n",
     "{root}/datasets/d.jsonl:2: malformed JSON"},
    {"duplicate sample id", "datasets/d.jsonl",
     "{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"a\", \"input\": \"y\"}\n",
     "{root}/datasets/d.jsonl:2: field 'id': duplicate id 'a' (first seen on line 1)"},
    {"template variable missing from a sample", "datasets/d.jsonl",
     "{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"b\", \"texte\": \"y\"}\n",
     "{root}/datasets/d.jsonl:2: field 'input': missing, but the template of {root}/suites/s.yaml uses {{input}}"},
    {"unknown metric", "suites/s.yaml",
     "id: s\ntask: summarize\ndataset: ../datasets/d.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1, rouge9]\n",
     "{root}/suites/s.yaml:5: field 'metrics[1]': unknown metric 'rouge9' (see `etalon list metrics`)"},
    {"unknown adapter kind", "plans/p.yaml",
     "name: p\nadapters:\n  - id: gpt\n    kind: openia\nsuites: [s]\n",
     "{root}/plans/p.yaml:3: field 'adapters.gpt.kind': unknown adapter kind 'openia' (see `etalon list adapters`)"},
    {"unknown suite", "plans/p.yaml",
     "name: p\nadapters:\n  - id: e\n    kind: builtin:echo\nsuites: [s, resume]\n",
     "{root}/plans/p.yaml:5: field 'suites': unknown suite 'resume': no file {root}/suites/resume.yaml"},
    {"dataset file that does not exist", "suites/s.yaml",
     "id: s\ntask: summarize\ndataset: ../datasets/absent.jsonl\ntemplate: \"{{input}}\"\nmetrics: [token_f1]\n",
     "{root}/datasets/absent.jsonl: cannot open dataset file (does it exist?)"},
};

std::string WithRoot(std::string text, const std::string& root) {
  for (auto at = text.find("{root}"); at != std::string::npos; at = text.find("{root}", at + root.size())) {
    text.replace(at, 6, root);
  }
  return text;
}

}  // namespace

TEST_CASE("Bad input is refused with a located message, exit 2, and no run folder", "[cli][bad-input]") {
  for (const auto& bad : kBadInputs) {
    SECTION(bad.name) {
      MiniProject project;
      project.dir.Write(bad.file, bad.content);
      const auto result = RunEtalon({"run", project.plan, "--out", project.Out(), "--quiet"});
      INFO(result.err);
      CHECK(result.exit_code == 2);
      const auto root = project.dir.path().string();
      CHECK_THAT(result.err, Catch::Contains("error: " + WithRoot(bad.message, root)));
      CHECK_THAT(result.err, Catch::Contains("nothing was run"));
      CHECK_FALSE(std::filesystem::exists(project.Out()));
    }
  }
}

TEST_CASE("An unwritable output folder is refused with exit 2 and the path", "[cli][bad-input]") {
  MiniProject project;
  const auto blocker = project.dir.Write("not-a-folder", "a file where a folder should be");
  const auto out = blocker + "/run";
  const auto result = RunEtalon({"run", project.plan, "--out", out, "--quiet"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(out + ": cannot create the output folder"));
  CHECK_FALSE(std::filesystem::exists(out + "/results.jsonl"));
}

TEST_CASE("etalon validate prints every problem with its location", "[cli][bad-input]") {
  MiniProject project;
  project.dir.Write("datasets/d.jsonl", "{\"id\": \"a\"}\nnot json\n{\"id\": \"a\"}\n");
  const auto result = RunEtalon({"validate", project.plan, project.dataset});
  CHECK(result.exit_code == 2);
  const auto root = project.dir.path().string();
  CHECK_THAT(result.err, Catch::Contains(root + "/datasets/d.jsonl:1: field 'input': missing"));
  CHECK_THAT(result.err, Catch::Contains(root + "/datasets/d.jsonl:2: malformed JSON"));
  CHECK_THAT(result.err, Catch::Contains(root + "/datasets/d.jsonl:3: field 'id': duplicate id 'a'"));
  CHECK_THAT(result.err, Catch::Contains("problems in 2 files checked"));
}

TEST_CASE("etalon validate accepts the project's own plans, suites and datasets", "[cli]") {
  const std::string root = ETALON_SOURCE_DIR;
  const auto result =
      RunEtalon({"validate", root + "/plans", root + "/suites", root + "/datasets", root + "/adapters/catalog"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("ok: " + root + "/plans/demo.yaml"));
  CHECK_THAT(result.out, Catch::Contains("ok: " + root + "/adapters/catalog/models.yaml"));
}

TEST_CASE("etalon validate refuses a catalog price without its source", "[cli][bad-input]") {
  const std::string root = ETALON_SOURCE_DIR;
  MiniProject project;
  auto models = etalon::testing::ReadFile(root + "/adapters/catalog/models.yaml");
  const std::string fixture_source = "      source: docs/catalog.md (test fixture, fictitious)\n    parameters:";
  const auto at = models.find(fixture_source);
  REQUIRE(at != std::string::npos);
  models.replace(at, fixture_source.size(), "    parameters:");
  const auto path = project.dir.Write("catalog/models.yaml", models);
  project.dir.Write("catalog/electricity_mixes.yaml",
                    etalon::testing::ReadFile(root + "/adapters/catalog/electricity_mixes.yaml"));
  const auto result = RunEtalon({"validate", path});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("field 'models[23].price.source': is required: every price needs its public source"));
}
