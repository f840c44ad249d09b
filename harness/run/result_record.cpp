#include "etalon/run/result_record.hpp"

#include "etalon/run/journal.hpp"

namespace etalon::run {

namespace {

template <typename T>
nlohmann::ordered_json OptionalValue(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::optional<double> TimePerOutputToken(const core::Response& response) {
  const auto& output_tokens = response.usage.output_tokens;
  if (!response.timing.ttft_ms || !output_tokens || *output_tokens < 2) {
    return std::nullopt;
  }
  return (response.timing.end_to_end_ms - *response.timing.ttft_ms) / static_cast<double>(*output_tokens - 1);
}

nlohmann::ordered_json MakeResultRecord(const core::RunKey& key, const core::Response& response,
                                        const NamedScores& scores, const RecordContext& context) {
  nlohmann::ordered_json record;
  record["schema"] = kResultsSchemaVersion;
  record["adapter"] = key.adapter;
  record["suite"] = key.suite;
  record["sample"] = key.sample;
  record["repeat"] = key.repeat;
  record["ok"] = !response.error.has_value();
  record["output"] = response.text;
  if (response.error) {
    record["error"] = {{"kind", core::ToString(response.error->kind)},
                       {"http_status", response.error->http_status == 0 ? nlohmann::ordered_json(nullptr)
                                                                        : nlohmann::ordered_json(response.error->http_status)},
                       {"message", response.error->message}};
  } else {
    record["error"] = nullptr;
  }
  nlohmann::ordered_json score_object = nlohmann::ordered_json::object();
  for (const auto& [name, score] : scores) {
    nlohmann::ordered_json entry;
    entry["value"] = score.error ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(score.value);
    if (!score.statistics.empty()) {
      entry["statistics"] = score.statistics;
    }
    if (!score.extracted.empty()) {
      entry["extracted"] = score.extracted;
    }
    if (score.error) {
      entry["error"] = *score.error;
    }
    score_object[name] = std::move(entry);
  }
  record["scores"] = std::move(score_object);
  record["usage"] = {{"input_tokens", OptionalValue(response.usage.input_tokens)},
                     {"output_tokens", OptionalValue(response.usage.output_tokens)},
                     {"estimated", response.usage.estimated}};
  record["timing"] = {{"queued_ms", response.timing.queued_ms},
                      {"ttfb_ms", OptionalValue(response.timing.ttfb_ms)},
                      {"ttft_ms", OptionalValue(response.timing.ttft_ms)},
                      {"end_to_end_ms", response.timing.end_to_end_ms},
                      {"tpot_ms", OptionalValue(TimePerOutputToken(response))},
                      {"chunk_gaps_ms", response.timing.chunk_gaps_ms}};
  if (response.energy) {
    const auto& energy = *response.energy;
    record["energy"] = {{"joules", energy.joules},
                        {"measured", energy.measured},
                        {"method", energy.method},
                        {"low_joules", OptionalValue(energy.low_joules)},
                        {"high_joules", OptionalValue(energy.high_joules)}};
  } else {
    record["energy"] = nullptr;
  }
  record["cost"] = context.cost;
  record["carbon"] = context.carbon;
  record["attempts"] = response.attempts;
  record["served_model"] = response.served_model.empty() ? nlohmann::ordered_json(nullptr)
                                                         : nlohmann::ordered_json(response.served_model);
  record["system_fingerprint"] = response.system_fingerprint.empty()
                                     ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(response.system_fingerprint);
  record["dataset_sha256"] = context.dataset_sha256;
  record["prompt_sha256"] = context.prompt_sha256;
  record["started_at"] = context.started_at;
  record["completed_at"] = context.completed_at;
  return record;
}

}  // namespace etalon::run
