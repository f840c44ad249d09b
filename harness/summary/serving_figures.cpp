#include "etalon/summary/serving_figures.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "etalon/core/clock.hpp"
#include "etalon/stats/descriptive.hpp"

namespace etalon::summary {

namespace {

const std::vector<double> kLatencyPercents = {50, 90, 95, 99};

nlohmann::ordered_json PercentilesJson(const std::vector<double>& values) {
  if (values.empty()) {
    return nullptr;
  }
  const auto percentiles = stats::Percentiles(values, kLatencyPercents);
  const auto moments = stats::OrderFreeMoments(values);
  nlohmann::ordered_json json;
  json["n"] = values.size();
  json["mean"] = moments.mean();
  for (std::size_t i = 0; i < kLatencyPercents.size(); ++i) {
    json[fmt::format("p{}", static_cast<int>(kLatencyPercents[i]))] = percentiles[i];
  }
  return json;
}

bool Within(const std::optional<double>& limit, const std::optional<double>& value) {
  return !limit || (value && *value <= *limit);
}

void Widen(std::optional<std::chrono::system_clock::time_point>& first,
           std::optional<std::chrono::system_clock::time_point>& last, std::chrono::system_clock::time_point when) {
  first = first ? std::min(*first, when) : when;
  last = last ? std::max(*last, when) : when;
}

nlohmann::ordered_json PerSecond(double count, double seconds) {
  return seconds > 0 ? nlohmann::ordered_json(count / seconds) : nlohmann::ordered_json(nullptr);
}

}  // namespace

void ServingFigures::Add(const SummaryRecord& record, const config::ServiceLevels& slo) {
  ++recorded_;
  if (const auto started = core::ParseUtcTimestamp(record.started_at)) {
    ++started_;
    Widen(first_start_, last_start_, *started);
    std::optional<WallClock::time_point> unused_first;
    if (const auto completed = core::ParseUtcTimestamp(record.completed_at)) {
      Widen(unused_first, last_completion_, *completed);
    }
  }
  if (record.failed()) {
    return;  // a failed request's timings describe the failure, not the service
  }
  ++succeeded_;
  for (const auto& [value, values] :
       {std::pair{record.end_to_end_ms, &end_to_end_ms_}, std::pair{record.ttfb_ms, &ttfb_ms_},
        std::pair{record.ttft_ms, &ttft_ms_}, std::pair{record.tpot_ms, &tpot_ms_}}) {
    if (value) {
      values->push_back(*value);
    }
  }
  inter_chunk_ms_.insert(inter_chunk_ms_.end(), record.chunk_gaps_ms.begin(), record.chunk_gaps_ms.end());
  if (record.output_tokens) {
    tokens_reported_ = true;
    output_tokens_ += *record.output_tokens;
  }
  if (slo.Any() && Within(slo.ttft_ms, record.ttft_ms) && Within(slo.tpot_ms, record.tpot_ms) &&
      Within(slo.end_to_end_ms, record.end_to_end_ms)) {
    ++within_slo_;
  }
}

nlohmann::ordered_json ServingFigures::LatencyJson() const {
  return {{"end_to_end", PercentilesJson(end_to_end_ms_)},
          {"ttfb", PercentilesJson(ttfb_ms_)},
          {"ttft", PercentilesJson(ttft_ms_)},
          {"tpot", PercentilesJson(tpot_ms_)},
          {"inter_chunk", PercentilesJson(inter_chunk_ms_)}};
}

nlohmann::ordered_json ServingFigures::ThroughputJson(std::optional<double> asked_rate_per_s,
                                                      const config::ServiceLevels& slo) const {
  const double span_s = first_start_ && last_completion_
                            ? std::max(0.0, std::chrono::duration<double>(*last_completion_ - *first_start_).count())
                            : 0.0;
  const double start_span_s =
      first_start_ ? std::chrono::duration<double>(*last_start_ - *first_start_).count() : 0.0;
  nlohmann::ordered_json json;
  json["span_s"] = span_s;
  json["requests_per_s"] = PerSecond(static_cast<double>(succeeded_), span_s);
  json["output_tokens_per_s"] =
      tokens_reported_ ? PerSecond(static_cast<double>(output_tokens_), span_s) : nlohmann::ordered_json(nullptr);
  json["arrivals"] = {
      {"mode", asked_rate_per_s ? "open" : "closed"},
      {"asked_per_s", asked_rate_per_s ? nlohmann::ordered_json(*asked_rate_per_s) : nlohmann::ordered_json(nullptr)},
      {"achieved_per_s", started_ >= 2 ? PerSecond(static_cast<double>(started_ - 1), start_span_s)
                                       : nlohmann::ordered_json(nullptr)}};
  if (!slo.Any()) {
    json["goodput"] = nullptr;
    return json;
  }
  json["goodput"] = {
      {"requests_within_slo", within_slo_},
      {"fraction", recorded_ > 0 ? nlohmann::ordered_json(static_cast<double>(within_slo_) /
                                                          static_cast<double>(recorded_))
                                 : nlohmann::ordered_json(nullptr)},
      {"requests_per_s", PerSecond(static_cast<double>(within_slo_), span_s)}};
  return json;
}

}  // namespace etalon::summary
