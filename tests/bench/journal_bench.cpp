// The cost of the journal's durability per result (docs/durability.md):
// appending a result line with one write(2) (`durability: write`, the
// default) against write(2) plus fdatasync (`durability: fsync`). The
// journal is written in ETALON_BENCH_DIR, else the current folder: run it
// from a folder on the disk a real run would use (a tmpfs flushes nothing).
//   build/release/tests/bench/etalon_bench --benchmark_filter=Journal
#include <benchmark/benchmark.h>

#include <sys/vfs.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "etalon/run/journal.hpp"

namespace {

constexpr long kTmpfsMagic = 0x01021994;

std::filesystem::path BenchFolder() {
  const char* chosen = std::getenv("ETALON_BENCH_DIR");
  return std::filesystem::path(chosen != nullptr ? chosen : ".") / fmt::format("etalon-bench-journal-{}", ::getpid());
}

// A result line of a typical size (about 900 bytes: a short answer, timings, two scores).
nlohmann::ordered_json Record(const std::string& sample) {
  nlohmann::ordered_json record = {{"schema", 1}, {"adapter", "albert-large"}, {"suite", "qa-demarches"},
                                   {"sample", sample}, {"repeat", 0}};
  record["ok"] = true;
  record["output"] = "Vous pouvez demander une carte d'identité en mairie, sur rendez-vous, avec un justificatif "
                     "de domicile de moins de six mois et une photo d'identité récente.";
  record["timing"] = {{"queued_ms", 0.2}, {"ttfb_ms", 212.5}, {"ttft_ms", 230.1}, {"end_to_end_ms", 1830.7},
                      {"chunk_gaps_ms", std::vector<double>(30, 41.3)}};
  record["usage"] = {{"input_tokens", 412}, {"output_tokens", 38}, {"estimated", false}};
  record["scores"] = {{"token_f1", {{"value", 0.81}}}, {"exact_match", {{"value", 0}}}};
  return record;
}

void BM_JournalAppend(benchmark::State& state) {
  const auto sync = state.range(0) == 0 ? etalon::run::LineSync::kNone : etalon::run::LineSync::kFdatasync;
  const auto folder = BenchFolder();
  std::filesystem::create_directories(folder);
  struct statfs info {};
  if (::statfs(folder.c_str(), &info) == 0 && static_cast<long>(info.f_type) == kTmpfsMagic) {
    state.SetLabel("tmpfs: fdatasync costs nothing here");
  }
  std::vector<std::string> warnings;
  {
    etalon::run::Journal journal((folder / "results.jsonl").string(), false, warnings, sync);
    int sample = 0;
    for (auto _ : state) {
      const auto id = fmt::format("qa-{:06}", sample);
      bool appended = journal.Append({"albert-large", "qa-demarches", id, 0}, Record(id));
      benchmark::DoNotOptimize(appended);
      ++sample;
    }
    state.SetItemsProcessed(sample);
  }
  std::filesystem::remove_all(folder);
}

}  // namespace

// Arg 0: write(2) only; arg 1: write(2) + fdatasync. Time per iteration is the cost of one result.
BENCHMARK(BM_JournalAppend)->ArgName("fdatasync")->Arg(0)->Arg(1)->UseRealTime();
