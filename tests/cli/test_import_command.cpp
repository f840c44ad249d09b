// `etalon import csv`: a spreadsheet export becomes a dataset that `etalon
// run` accepts; a bad file writes nothing and names every problem.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::TempDir;

TEST_CASE("etalon import csv writes a dataset a plan can run, and a datasheet to fill in", "[cli][import]") {
  TempDir dir;
  const std::string csv = dir.Write("questions.csv",
                                    "Question;Réponse attendue\n"
                                    "Quel document pour une carte d'identité ?;Un justificatif de domicile\n"
                                    "Combien coûte un passeport ?;86 euros\n");
  const auto imported = RunEtalon({"import", "csv", csv, "--map", "input=Question,reference=Réponse attendue",
                                   "--out", dir.Path("datasets/questions")});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("2 samples written to"));
  CHECK(ReadFile(dir.Path("datasets/questions/data.jsonl")) ==
        "{\"id\":\"ligne-2\",\"input\":\"Quel document pour une carte d'identité ?\",\"reference\":\"Un "
        "justificatif de domicile\"}\n{\"id\":\"ligne-3\",\"input\":\"Combien coûte un passeport ?\",\"reference\":\"86 "
        "euros\"}\n");
  CHECK_THAT(ReadFile(dir.Path("datasets/questions/DATASHEET.md")), Catch::Contains("2 échantillons"));

  dir.Write("suites/questions.yaml",
            "id: questions\ntask: qa\ndataset: ../datasets/questions/data.jsonl\ntemplate: \"{{input}}\"\n"
            "metrics: [em_fr]\n");
  dir.Write("plans/p.yaml",
            "name: p\nsuites: [questions]\nadapters:\n  - id: echo\n    kind: builtin:echo\n    options: {field: reference}\n");
  const auto run = RunEtalon({"run", dir.Path("plans/p.yaml"), "--out", dir.Path("runs/r")});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(ReadFile(dir.Path("runs/r/summary.json")), Catch::Contains("\"recorded\": 2"));

  const auto again = RunEtalon({"import", "csv", csv, "--map", "input=Question", "--out",
                                dir.Path("datasets/questions")});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("exists; pass --force to replace it"));
}

TEST_CASE("etalon import csv with bad rows writes nothing and lists each problem", "[cli][import]") {
  TempDir dir;
  const std::string csv = dir.Write("questions.csv", "Question,Réponse\nPremière ?,\n,Seconde\n");
  const auto imported = RunEtalon({"import", "csv", csv, "--map", "question=Question,reference=Réponse", "--out",
                                   dir.Path("out")});
  CHECK(imported.exit_code == 2);
  CHECK_THAT(imported.err, Catch::Contains(csv + ":2: field 'reference': row 2: column 'Réponse' is empty"));
  CHECK_THAT(imported.err, Catch::Contains(csv + ":3: field 'question': row 3: column 'Question' is empty"));
  CHECK_THAT(imported.err, Catch::Contains("nothing written: 2 problem(s)"));
  CHECK(std::filesystem::is_empty(dir.Path("out")));
}
