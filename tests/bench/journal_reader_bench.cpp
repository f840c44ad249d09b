// Reading a 10,000-line journal after a run: every line parsed into a full
// nlohmann tree (what the summary and reports did), against
// run::ParseJournalLine building only the fields the summary reads, against
// summary::ReadSummaryRecord reading those fields into typed ones (what the
// summary does now).
//   build/release/tests/bench/etalon_bench --benchmark_filter=JournalRead
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "etalon/run/journal_reader.hpp"
#include "etalon/summary/summary_record.hpp"

namespace {

constexpr int kLines = 10'000;

// Result lines as the runner writes them (about 1 KB each: an answer of a
// few sentences, timings with chunk gaps, two scores, cost and carbon).
std::vector<std::string> Journal() {
  std::vector<std::string> lines;
  for (int i = 0; i < kLines; ++i) {
    nlohmann::ordered_json record = {{"schema", 1}, {"adapter", "albert-large"}, {"suite", "qa-demarches"},
                                     {"sample", fmt::format("qa-{:06}", i)}, {"repeat", 0}, {"ok", true}};
    record["output"] = "Vous pouvez demander une carte d'identité en mairie, sur rendez-vous, avec un justificatif "
                       "de domicile de moins de six mois et une photo d'identité récente.";
    record["error"] = nullptr;
    record["scores"] = {{"token_f1", {{"value", 0.81}}}, {"exact_match", {{"value", i % 2}}}};
    record["usage"] = {{"input_tokens", 412}, {"output_tokens", 38}, {"estimated", false}};
    record["timing"] = {{"queued_ms", 0.2}, {"ttfb_ms", 212.5}, {"ttft_ms", 230.1}, {"end_to_end_ms", 1830.7},
                        {"tpot_ms", 43.3}, {"chunk_gaps_ms", std::vector<double>(8, 41.3)}};
    record["energy"] = nullptr;
    record["cost"] = nullptr;
    record["carbon"] = nullptr;
    record["attempts"] = 1;
    record["served_model"] = "albert-large-2026-10";
    record["system_fingerprint"] = nullptr;
    record["dataset_sha256"] = std::string(64, 'a');
    record["prompt_sha256"] = std::string(64, 'b');
    record["started_at"] = "2026-11-28T21:00:00.123Z";
    record["completed_at"] = "2026-11-28T21:00:01.953Z";
    lines.push_back(record.dump());
  }
  return lines;
}

// Arg 0: nlohmann::json::parse of every line; 1: the summary's fields only,
// as JSON; 2: the summary's fields, typed.
void BM_JournalRead(benchmark::State& state) {
  const auto lines = Journal();
  std::size_t bytes = 0;
  for (const auto& line : lines) {
    bytes += line.size();
  }
  for (auto _ : state) {
    for (const auto& line : lines) {
      if (state.range(0) == 2) {
        auto record = etalon::summary::ReadSummaryRecord(line);
        benchmark::DoNotOptimize(record);
      } else {
        auto record = state.range(0) == 0 ? nlohmann::json::parse(line)
                                          : etalon::run::ParseJournalLine(line, etalon::summary::SummaryRecordFields());
        benchmark::DoNotOptimize(record);
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kLines);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

}  // namespace

BENCHMARK(BM_JournalRead)->ArgName("read")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
