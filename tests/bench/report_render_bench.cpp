// Rendering speed of the reports on a generated run of 100,000 results
// (10 adapters x 2 suites x 5,000 samples): the journal is streamed, so the
// time should grow with the journal's size and the HTML stay small.
//   build/release/tests/bench/etalon_bench --benchmark_filter=Report
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "etalon/core/sha256.hpp"
#include "etalon/reports/reporter.hpp"

namespace {

constexpr int kAdapters = 10;
constexpr int kSamples = 5000;
const char* const kSuites[] = {"qa", "resume"};

// A run folder in the temp dir, made once per process and removed at exit.
struct TempRoot {
  std::filesystem::path path = std::filesystem::temp_directory_path() / fmt::format("etalon-bench-run-{}", ::getpid());
  ~TempRoot() { std::filesystem::remove_all(path); }
};

const std::string& GeneratedRun() {
  static const TempRoot temp_root;
  static const std::string folder = [] {
    const auto& root = temp_root.path;
    std::filesystem::create_directories(root / "run");
    nlohmann::ordered_json suites = nlohmann::ordered_json::array();
    for (const char* suite : kSuites) {
      const auto dataset = (root / fmt::format("{}.jsonl", suite)).string();
      std::ofstream data(dataset);
      for (int i = 0; i < kSamples; ++i) {
        data << nlohmann::json{{"id", fmt::format("{}-{}", suite, i)},
                               {"input", fmt::format("Question numéro {} sur une démarche administrative.", i)},
                               {"reference", fmt::format("Réponse {}", i)}}
                    .dump()
             << "\n";
      }
      data.close();
      suites.push_back({{"id", suite},
                        {"task", "qa"},
                        {"description", "suite générée"},
                        {"dataset", {{"path", dataset}, {"sha256", *etalon::core::Sha256HexOfFile(dataset)},
                                     {"samples", kSamples}, {"samples_in_run", kSamples}}},
                        {"few_shot", nullptr},
                        {"metrics", {{{"name", "token_f1"}, {"description", "F1"}, {"min", 0}, {"max", 1},
                                      {"higher_is_better", true}, {"aggregation", "mean"}, {"reference", ""}}}}});
    }
    std::ofstream journal(root / "run" / "results.jsonl");
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    nlohmann::ordered_json adapters = nlohmann::ordered_json::array();
    for (int a = 0; a < kAdapters; ++a) {
      const auto adapter = fmt::format("modele-{}", a);
      adapters.push_back({{"id", adapter}, {"kind", "openai"}, {"preset", ""}, {"model", adapter}});
      for (const char* suite : kSuites) {
        for (int i = 0; i < kSamples; ++i) {
          const bool ok = i % 97 != 0;
          journal << nlohmann::ordered_json{
              {"schema", 1}, {"adapter", adapter}, {"suite", suite}, {"sample", fmt::format("{}-{}", suite, i)},
              {"repeat", 0}, {"ok", ok},
              {"output", ok ? fmt::format("Réponse {} <b>avec</b> un peu de texte libre", i) : ""},
              {"error", ok ? nlohmann::ordered_json(nullptr)
                           : nlohmann::ordered_json{{"kind", "timeout"}, {"http_status", nullptr}, {"message", "délai"}}},
              {"scores", ok ? nlohmann::ordered_json{{"token_f1", {{"value", (i % 10) / 10.0}}}}
                            : nlohmann::ordered_json::object()},
              {"usage", {{"input_tokens", 40}, {"output_tokens", 12}, {"estimated", false}}},
              {"timing", {{"queued_ms", 0.1}, {"ttfb_ms", nullptr}, {"ttft_ms", 120.5 + a}, {"end_to_end_ms", 800.25 + i % 50},
                          {"tpot_ms", nullptr}, {"chunk_gaps_ms", nlohmann::ordered_json::array()}}},
              {"energy", nullptr}, {"attempts", 1}, {"served_model", adapter + "-2026"}, {"system_fingerprint", nullptr},
              {"dataset_sha256", "0"}, {"prompt_sha256", "0"},
              {"started_at", "2026-11-28T10:00:00.000Z"}, {"completed_at", "2026-11-28T10:00:01.000Z"}}
                              .dump()
                       << "\n";
        }
        const nlohmann::ordered_json latency = {{"n", kSamples}, {"mean", 825.0}, {"p50", 825.0}, {"p90", 845.0},
                                                {"p95", 847.5}, {"p99", 849.5}};
        results.push_back({{"adapter", adapter}, {"suite", suite}, {"expected", kSamples}, {"recorded", kSamples},
                           {"succeeded", kSamples - 52}, {"failed", 52}, {"error_rate", 52.0 / kSamples},
                           {"errors_by_kind", {{"timeout", 52}}},
                           {"metrics", {{"token_f1", {{"aggregation", "mean"}, {"n", kSamples - 52}, {"unscored", 0},
                                                      {"value", 0.45 + a / 100.0}, {"stddev", 0.29},
                                                      {"ci95", {{"low", 0.44 + a / 100.0}, {"high", 0.46 + a / 100.0},
                                                                {"method", "normal"}}}}}}},
                           {"latency_ms", {{"end_to_end", latency}, {"ttft", latency}}},
                           {"energy", {{"measured", nullptr}, {"estimated", nullptr}}},
                           {"usage", {{"input_tokens", 40 * kSamples}, {"output_tokens", 12 * kSamples}, {"estimated", false}}}});
      }
    }
    const nlohmann::ordered_json summary = {
        {"schema", 1},
        {"etalon", {{"version", "0.1.0"}, {"git_sha", "bench"}, {"git_dirty", false}}},
        {"run", {{"plan", "bench"}, {"status", "complete"}, {"fingerprint", "f"}, {"seed", 1},
                 {"started_at", "2026-11-28T10:00:00.000Z"}, {"finished_at", "2026-11-28T11:00:00.000Z"},
                 {"host", "bench"}, {"selection", nlohmann::ordered_json::object()}}},
        {"plan", {{"path", "bench.yaml"}, {"as_written", nlohmann::ordered_json::object()},
                  {"resolved", {{"adapters", adapters}}}}},
        {"suites", suites},
        {"skipped_adapters", nlohmann::ordered_json::array()},
        {"results", results},
        {"totals", {{"expected", 100000}, {"recorded", 100000}, {"failed", 1040}, {"error_rate", 0.0104},
                    {"max_error_rate", 0.05}, {"within_tolerance", true}}}};
    std::ofstream(root / "run" / "summary.json") << summary.dump(2) << "\n";
    return (root / "run").string();
  }();
  return folder;
}

void RenderReport(benchmark::State& state, const char* format) {
  const auto documents = etalon::reports::LoadRunDocuments(GeneratedRun());
  const auto reporter = etalon::reports::MakeReporter(format);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    reporter->Write(documents, etalon::reports::Language::kFrench, out);
    bytes = out.str().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["results"] = 100000;
  state.counters["output_bytes"] = static_cast<double>(bytes);
}

void BM_ReportHtml(benchmark::State& state) { RenderReport(state, "html"); }
void BM_ReportCsv(benchmark::State& state) { RenderReport(state, "csv"); }
void BM_ReportMarkdown(benchmark::State& state) { RenderReport(state, "md"); }
BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReportCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReportMarkdown)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
