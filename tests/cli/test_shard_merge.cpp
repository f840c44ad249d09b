// Integration tests of `etalon run --shard K/N` and `etalon merge`: a plan
// run whole and in N shards must give the same summary, byte for byte once
// the recorded timings (and the energy measured over them) are set aside.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::TempDir;

namespace {

// Two builtin adapters over one suite with a mean and a corpus metric,
// repeated twice: 2 x 23 x 2 = 92 keys.
std::string WriteShardPlan(const TempDir& dir) {
  std::string data;
  for (int i = 0; i < 23; ++i) {
    data += "{\"id\": \"doc-" + std::to_string(i) + "\", \"input\": \"Le dossier numéro " + std::to_string(i) +
            " est complet. La demande est transmise au service " + std::to_string(i % 4) +
            ". Une réponse suivra.\", \"reference\": \"Le dossier numéro " + std::to_string(i) +
            " est complet.\"}\n";
  }
  dir.Write("datasets/d.jsonl", data);
  dir.Write("suites/s.yaml",
            "id: s\ntask: summarize\ndataset: ../datasets/d.jsonl\ntemplate: |\n  Résume : {{input}}\n"
            "metrics: [token_f1, bleu]\n");
  return dir.Write("plans/p.yaml",
                   "name: p\nseed: 7\nrepeats: 2\nconcurrency: 4\nadapters:\n"
                   "  - id: lead1\n    kind: builtin:lead\n    options: {sentences: 1}\n"
                   "  - id: copy\n    kind: builtin:echo\n    options: {field: input}\nsuites: [s]\n");
}

// summary.json without what differs between two runs of the same plan: when
// they ran, how long requests took, the energy measured over that time, and
// the classical floor's values per kWh and per euro computed from them.
nlohmann::json WithoutTimings(nlohmann::json summary) {
  summary["run"].erase("started_at");
  summary["run"].erase("finished_at");
  summary.erase("run_energy");
  for (auto& result : summary["results"]) {
    result.erase("latency_ms");
    result.erase("throughput");  // spans and rates of wall-clock time
    result.erase("energy");
  }
  for (auto& suite : summary["suites"]) {
    if (!suite.contains("floor") || !suite["floor"].contains("rows")) {
      continue;
    }
    for (auto& row : suite["floor"]["rows"]) {  // divided by that energy, and by server time where priced
      row.erase("per_kwh");
      row.erase("per_1000_eur");
    }
  }
  return summary;
}

std::vector<std::string> RunShards(const std::string& plan, const TempDir& dir, int count) {
  std::vector<std::string> folders;
  for (int index = 1; index <= count; ++index) {
    const auto folder = dir.Path("shard-" + std::to_string(index) + "-of-" + std::to_string(count));
    const auto result = RunEtalon({"run", plan, "--shard", std::to_string(index) + "/" + std::to_string(count), "--out",
                                   folder, "--quiet"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    folders.push_back(folder);
  }
  return folders;
}

std::vector<std::string> MergeArgs(const std::vector<std::string>& folders, const std::string& out) {
  std::vector<std::string> args = {"merge"};
  args.insert(args.end(), folders.begin(), folders.end());
  args.insert(args.end(), {"--out", out});
  return args;
}

}  // namespace

TEST_CASE("Merged shards give the unsharded run's summary for N = 1, 3 and 7", "[cli][shard][integration]") {
  TempDir dir;
  const auto plan = WriteShardPlan(dir);
  const auto whole = dir.Path("whole");
  const auto unsharded = RunEtalon({"run", plan, "--out", whole, "--quiet"});
  INFO(unsharded.err);
  REQUIRE(unsharded.exit_code == 0);
  const auto expected = WithoutTimings(nlohmann::json::parse(ReadFile(whole + "/summary.json"))).dump(2);

  for (const int count : {1, 3, 7}) {
    DYNAMIC_SECTION("N = " << count) {
      const auto folders = RunShards(plan, dir, count);
      std::size_t shard_lines = 0;
      for (const auto& folder : folders) {
        const auto shard_summary = nlohmann::json::parse(ReadFile(folder + "/summary.json"));
        CHECK(shard_summary["run"]["status"] == "complete");  // a shard expects only its own keys
        shard_lines += shard_summary["totals"]["recorded"].get<std::size_t>();
      }
      CHECK(shard_lines == 92);
      const auto out = dir.Path("merged-" + std::to_string(count));
      const auto merged = RunEtalon(MergeArgs(folders, out));
      INFO(merged.err);
      REQUIRE(merged.exit_code == 0);
      CHECK(WithoutTimings(nlohmann::json::parse(ReadFile(out + "/summary.json"))).dump(2) == expected);
      const auto record = nlohmann::json::parse(ReadFile(out + "/run.json"));
      CHECK(record["merged_shards"].size() == static_cast<std::size_t>(count));
      CHECK(record["fingerprint"] == nlohmann::json::parse(ReadFile(whole + "/run.json"))["fingerprint"]);
      CHECK(std::filesystem::exists(out + "/report.md"));
    }
  }
}

TEST_CASE("A merge writes the results in key order, whatever order the shards are given in", "[cli][shard]") {
  TempDir dir;
  const auto plan = WriteShardPlan(dir);
  auto folders = RunShards(plan, dir, 3);
  REQUIRE(RunEtalon(MergeArgs(folders, dir.Path("a"))).exit_code == 0);
  std::reverse(folders.begin(), folders.end());
  REQUIRE(RunEtalon(MergeArgs(folders, dir.Path("b"))).exit_code == 0);
  const auto journal = ReadFile(dir.Path("a/results.jsonl"));
  CHECK(journal == ReadFile(dir.Path("b/results.jsonl")));
  std::istringstream lines(journal);
  std::string line;
  std::vector<std::string> keys;
  while (std::getline(lines, line)) {
    const auto record = nlohmann::json::parse(line);
    keys.push_back(record["adapter"].get<std::string>() + "\x1f" + record["suite"].get<std::string>() + "\x1f" +
                   record["sample"].get<std::string>() + "\x1f" + std::to_string(record["repeat"].get<int>()));
  }
  CHECK(keys.size() == 92);
  CHECK(std::is_sorted(keys.begin(), keys.end()));
}

TEST_CASE("A merge refuses shards that are missing, doubled or from another plan, and names them", "[cli][shard]") {
  TempDir dir;
  const auto plan = WriteShardPlan(dir);
  const auto folders = RunShards(plan, dir, 3);

  SECTION("a missing shard") {
    const auto result = RunEtalon(MergeArgs({folders[0], folders[2]}, dir.Path("out")));
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("shard 2/3 is missing"));
    CHECK_FALSE(std::filesystem::exists(dir.Path("out/summary.json")));
  }
  SECTION("a shard given twice") {
    const auto result = RunEtalon(MergeArgs({folders[0], folders[1], folders[1]}, dir.Path("out")));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("shard 2/3 given twice"));
  }
  SECTION("a key missing from its shard") {
    auto journal = ReadFile(folders[0] + "/results.jsonl");
    const auto first_line = journal.substr(0, journal.find('\n') + 1);
    const auto record = nlohmann::json::parse(first_line);
    std::ofstream(folders[0] + "/results.jsonl") << journal.substr(first_line.size());
    const auto result = RunEtalon(MergeArgs(folders, dir.Path("out")));
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("1 key missing from every shard"));
    CHECK_THAT(result.err, Catch::Contains(record["adapter"].get<std::string>() + "/s/" +
                                           record["sample"].get<std::string>() + "#" +
                                           std::to_string(record["repeat"].get<int>())));
  }
  SECTION("a key in two shards") {
    const auto journal = ReadFile(folders[1] + "/results.jsonl");
    const auto first_line = journal.substr(0, journal.find('\n') + 1);
    std::ofstream(folders[0] + "/results.jsonl", std::ios::app) << first_line;
    const auto result = RunEtalon(MergeArgs(folders, dir.Path("out")));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("1 key in more than one shard"));
  }
  SECTION("a shard of another plan") {
    auto other_plan = ReadFile(plan);
    other_plan.replace(other_plan.find("seed: 7"), 7, "seed: 8");
    const auto other_path = dir.Write("plans/other.yaml", other_plan);
    const auto other_shard = dir.Path("other-2-of-3");
    REQUIRE(RunEtalon({"run", other_path, "--shard", "2/3", "--out", other_shard, "--quiet"}).exit_code == 0);
    const auto result = RunEtalon(MergeArgs({folders[0], other_shard, folders[2]}, dir.Path("out")));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("the shards ran different plans"));
  }
  SECTION("an unsharded run") {
    REQUIRE(RunEtalon({"run", plan, "--out", dir.Path("whole"), "--quiet"}).exit_code == 0);
    const auto result = RunEtalon(MergeArgs({dir.Path("whole")}, dir.Path("out")));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("not a shard"));
  }
  SECTION("a bad shard option") {
    const auto result = RunEtalon({"run", plan, "--shard", "4/3", "--out", dir.Path("bad"), "--quiet"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("'4/3' is not a shard"));
  }
}
