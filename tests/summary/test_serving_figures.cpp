// Tests for harness/summary/serving_figures.cpp against figures computed by
// hand from four records (three answers and one failure).
#include <catch2/catch.hpp>

#include "etalon/summary/serving_figures.hpp"

namespace {

// A result line holding what the figures read, read as the summary reads it.
etalon::summary::SummaryRecord Record(const char* started, const char* completed, bool ok, nlohmann::json timing,
                                      nlohmann::json output_tokens) {
  const nlohmann::json line = {
      {"adapter", "a"},
      {"suite", "s"},
      {"scores", nlohmann::json::object()},
      {"error", ok ? nlohmann::json(nullptr) : nlohmann::json{{"kind", "network"}}},
      {"timing", std::move(timing)},
      {"usage", {{"input_tokens", nullptr}, {"output_tokens", std::move(output_tokens)}, {"estimated", false}}},
      {"started_at", started},
      {"completed_at", completed}};
  return etalon::summary::ReadSummaryRecord(line.dump());
}

etalon::summary::ServingFigures FourRecords(const etalon::config::ServiceLevels& slo) {
  etalon::summary::ServingFigures figures;
  figures.Add(Record("2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z", true,
                     {{"end_to_end_ms", 1000.0}, {"ttfb_ms", 50.0}, {"ttft_ms", 100.0}, {"tpot_ms", 10.0},
                      {"chunk_gaps_ms", {10.0, 20.0}}},
                     91),
              slo);
  figures.Add(Record("2026-11-28T12:00:00.500Z", "2026-11-28T12:00:02.000Z", true,
                     {{"end_to_end_ms", 1500.0}, {"ttfb_ms", 60.0}, {"ttft_ms", 300.0}, {"tpot_ms", 20.0},
                      {"chunk_gaps_ms", {30.0}}},
                     61),
              slo);
  figures.Add(Record("2026-11-28T12:00:01.000Z", "2026-11-28T12:00:03.000Z", false, {{"end_to_end_ms", 2000.0}},
                     nullptr),
              slo);
  // A journal line from before ttfb/tpot/chunk gaps existed: a non-streamed answer.
  figures.Add(Record("2026-11-28T12:00:01.500Z", "2026-11-28T12:00:02.500Z", true,
                     {{"end_to_end_ms", 1000.0}, {"ttft_ms", nullptr}}, 9),
              slo);
  return figures;
}

}  // namespace

TEST_CASE("Latency percentiles cover succeeded requests, each figure where it exists", "[summary]") {
  const auto latency = FourRecords({}).LatencyJson();
  CHECK(latency["end_to_end"]["n"] == 3);  // the failure is not a service time
  CHECK(latency["end_to_end"]["p50"] == 1000.0);
  CHECK(latency["ttfb"]["n"] == 2);
  CHECK(latency["ttft"]["n"] == 2);
  CHECK(latency["ttft"]["p50"] == 200.0);                         // halfway between 100 and 300
  CHECK(latency["ttft"]["p90"].get<double>() == Approx(280.0));  // 100 + 0.9 x 200
  CHECK(latency["tpot"]["mean"] == 15.0);
  CHECK(latency["inter_chunk"]["n"] == 3);
  CHECK(latency["inter_chunk"]["p50"] == 20.0);
}

TEST_CASE("Throughput is taken over the span from the first start to the last completion", "[summary]") {
  const auto throughput = FourRecords({}).ThroughputJson(std::nullopt, {});
  CHECK(throughput["span_s"] == 3.0);
  CHECK(throughput["requests_per_s"] == 1.0);  // 3 answers in 3 s
  CHECK(throughput["output_tokens_per_s"].get<double>() == Approx((91 + 61 + 9) / 3.0));
  CHECK(throughput["arrivals"]["mode"] == "closed");
  CHECK(throughput["arrivals"]["asked_per_s"].is_null());
  CHECK(throughput["arrivals"]["achieved_per_s"] == 2.0);  // 4 starts over 1.5 s: 3 gaps
  CHECK(throughput["goodput"].is_null());
}

TEST_CASE("Goodput counts requests within every stated limit, and a missing figure does not meet its limit",
          "[summary]") {
  etalon::config::ServiceLevels slo;
  slo.ttft_ms = 200;
  slo.end_to_end_ms = 1200;
  const auto throughput = FourRecords(slo).ThroughputJson(5.0, slo);
  // Only the first record: the second's TTFT is 300 ms, the third failed, the fourth has no TTFT.
  CHECK(throughput["goodput"]["requests_within_slo"] == 1);
  CHECK(throughput["goodput"]["fraction"] == 0.25);
  CHECK(throughput["goodput"]["requests_per_s"].get<double>() == Approx(1 / 3.0));
  CHECK(throughput["arrivals"]["mode"] == "open");
  CHECK(throughput["arrivals"]["asked_per_s"] == 5.0);
}
