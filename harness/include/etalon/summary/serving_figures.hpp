// The serving side of one (adapter, suite) cell of the summary: latency
// percentiles (end to end, time to first byte and token, time per output
// token, inter-chunk gaps), request and token throughput, the arrival rate
// achieved against the one asked, and goodput against the plan's SLOs.
// Accumulated from journal records, so it can be rebuilt at any time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/summary/summary_record.hpp"

namespace etalon::summary {

class ServingFigures {
 public:
  // Every record of the cell, failed ones included (they take time too).
  void Add(const SummaryRecord& record, const config::ServiceLevels& slo);

  // {end_to_end, ttfb, ttft, tpot, inter_chunk}: each {n, mean, p50, p90, p95, p99} or null.
  nlohmann::ordered_json LatencyJson() const;
  // {span_s, requests_per_s, output_tokens_per_s, arrivals {mode, asked_per_s,
  // achieved_per_s}, goodput} (docs/results-schema.md).
  nlohmann::ordered_json ThroughputJson(std::optional<double> asked_rate_per_s,
                                        const config::ServiceLevels& slo) const;

 private:
  using WallClock = std::chrono::system_clock;

  std::vector<double> end_to_end_ms_;
  std::vector<double> ttfb_ms_;
  std::vector<double> ttft_ms_;
  std::vector<double> tpot_ms_;
  std::vector<double> inter_chunk_ms_;
  std::size_t recorded_ = 0;
  std::size_t succeeded_ = 0;
  std::size_t within_slo_ = 0;  // succeeded and within every stated limit
  std::int64_t output_tokens_ = 0;
  bool tokens_reported_ = false;
  std::size_t started_ = 0;
  std::optional<WallClock::time_point> first_start_;
  std::optional<WallClock::time_point> last_start_;
  std::optional<WallClock::time_point> last_completion_;
};

}  // namespace etalon::summary
