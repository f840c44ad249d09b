// Tests for harness/dataset/jsonl_dataset.cpp: streaming reads, and every
// kind of bad line reported with file:line and field.
#include <catch2/catch.hpp>

#include "etalon/dataset/jsonl_dataset.hpp"
#include "support/temp_dir.hpp"

using etalon::dataset::CheckDataset;
using etalon::dataset::JsonlDataset;

TEST_CASE("Samples stream with their references and fields", "[dataset]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("d.jsonl",
                              "{\"id\": \"a\", \"input\": \"x\", \"reference\": \"r\"}\n"
                              "\n"
                              "{\"id\": \"b\", \"input\": \"y\", \"reference\": [\"r1\", \"r2\"], \"meta\": {\"k\": 1}}\n");
  JsonlDataset dataset(path);
  etalon::core::Sample sample;
  etalon::core::Diagnostic problem;
  REQUIRE(dataset.Next(sample, problem) == JsonlDataset::Read::kSample);
  CHECK(sample.id == "a");
  CHECK(sample.references == std::vector<std::string>{"r"});
  CHECK(sample.line == 1);
  REQUIRE(dataset.Next(sample, problem) == JsonlDataset::Read::kSample);
  CHECK(sample.id == "b");
  CHECK(sample.line == 3);
  CHECK(sample.references == std::vector<std::string>{"r1", "r2"});
  CHECK(sample.fields["meta"]["k"] == 1);
  CHECK(dataset.Next(sample, problem) == JsonlDataset::Read::kEnd);
}

TEST_CASE("CheckDataset reports malformed lines, bad ids and duplicates with their lines", "[dataset]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("d.jsonl",
                              "{\"id\": \"a\", \"input\": \"x\"}\n"
                              "{\"id\": \"b\", \"input\": \n"
                              "[1, 2]\n"
                              "{\"input\": \"no id\"}\n"
                              "{\"id\": \"../escape\", \"input\": \"x\"}\n"
                              "{\"id\": \"a\", \"input\": \"again\"}\n"
                              "{\"id\": \"c\", \"reference\": 3}\n");
  etalon::core::Diagnostics diagnostics;
  const auto check = CheckDataset(path, diagnostics);
  CHECK(check.samples == 1);
  CHECK(check.bad_lines == 6);
  REQUIRE(diagnostics.size() == 6);
  CHECK_THAT(diagnostics[0].ToString(), Catch::StartsWith(path + ":2: malformed JSON"));
  CHECK(diagnostics[1].ToString() == path + ":3: must be a JSON object");
  CHECK(diagnostics[2].ToString() == path + ":4: field 'id': is required");
  CHECK_THAT(diagnostics[3].ToString(), Catch::StartsWith(path + ":5: field 'id': must be 1 to 128 characters"));
  CHECK(diagnostics[4].ToString() == path + ":6: field 'id': duplicate id 'a' (first seen on line 1)");
  CHECK(diagnostics[5].ToString() == path + ":7: field 'reference': must be a string or a non-empty list of strings");
  CHECK(check.sha256.size() == 64);
}

// nlohmann reports a number beyond a double's range as out_of_range, not as
// a parse error: the line escaped the handler and ended the process.
TEST_CASE("A number too large for a double is a malformed line, not a crash", "[dataset]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("d.jsonl", "{\"id\": \"a\"}\n{\"id\": \"b\", \"score\": 1e999}\n");
  etalon::core::Diagnostics diagnostics;
  const auto check = CheckDataset(path, diagnostics);
  CHECK(check.samples == 1);
  CHECK(check.bad_lines == 1);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].ToString() == path + ":2: malformed JSON: number overflow parsing '1e999'");
}

TEST_CASE("A dataset file that does not exist is one clear problem", "[dataset]") {
  etalon::core::Diagnostics diagnostics;
  CheckDataset("/nonexistent/data.jsonl", diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].ToString() == "/nonexistent/data.jsonl: cannot open dataset file (does it exist?)");
}

TEST_CASE("CheckDataset caps the problems it lists but counts them all", "[dataset]") {
  etalon::testing::TempDir dir;
  std::string content;
  for (int i = 0; i < 120; ++i) {
    content += "not json\n";
  }
  etalon::core::Diagnostics diagnostics;
  const auto check = CheckDataset(dir.Write("d.jsonl", content), diagnostics, {}, 10);
  CHECK(check.bad_lines == 120);
  REQUIRE(diagnostics.size() == 11);
  CHECK_THAT(diagnostics.back().message, Catch::Contains("120 bad lines in all"));
}

// Duplicates are found from sorted id digests, then named on a second read:
// an id seen three times, among many, names its first line each time, and
// the second read leaves no trace of the first (counts, problems).
TEST_CASE("CheckDataset names the first line of an id repeated among many, once per repeat", "[dataset]") {
  etalon::testing::TempDir dir;
  std::string content;
  for (int i = 0; i < 3000; ++i) {
    content += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"x\"}\n";
  }
  content += "{\"id\": \"s1500\", \"input\": \"again\"}\n";  // line 3001
  content += "{\"id\": \"s7\", \"input\": \"again\"}\n";     // line 3002
  content += "{\"id\": \"s1500\", \"input\": \"third\"}\n";  // line 3003
  content += "{\"id\": \"s3000\"}\n";                       // line 3004: no input
  const auto path = dir.Write("d.jsonl", content);
  etalon::core::Diagnostics diagnostics{{"elsewhere", 1, "", "kept"}};
  const auto check = CheckDataset(
      path, diagnostics,
      [&](const etalon::core::Sample& sample, etalon::core::Diagnostics& problems) {
        if (!sample.fields.contains("input")) {
          problems.push_back({path, sample.line, "input", "is required"});
        }
      },
      50);
  CHECK(check.samples == 3000);
  CHECK(check.bad_lines == 4);
  REQUIRE(diagnostics.size() == 5);
  CHECK(diagnostics[0].ToString() == "elsewhere:1: kept");
  CHECK(diagnostics[1].ToString() == path + ":3001: field 'id': duplicate id 's1500' (first seen on line 1501)");
  CHECK(diagnostics[2].ToString() == path + ":3002: field 'id': duplicate id 's7' (first seen on line 8)");
  CHECK(diagnostics[3].ToString() == path + ":3003: field 'id': duplicate id 's1500' (first seen on line 1501)");
  CHECK(diagnostics[4].ToString() == path + ":3004: field 'input': is required");
}

TEST_CASE("An id repeated on a line the suite leaves out is still a duplicate", "[dataset]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("d.jsonl",
                              "{\"id\": \"a\", \"lang\": \"fr\"}\n"
                              "{\"id\": \"b\", \"lang\": \"en\"}\n"
                              "{\"id\": \"b\", \"lang\": \"fr\"}\n");
  etalon::core::Diagnostics diagnostics;
  const auto check = CheckDataset(path, diagnostics, {}, 50, [](const etalon::core::Sample& sample) {
    return sample.fields.at("lang") == "fr";
  });
  CHECK(check.samples == 1);
  CHECK(check.bad_lines == 1);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].ToString() == path + ":3: field 'id': duplicate id 'b' (first seen on line 2)");
}
