#include "etalon/run/result_record.hpp"

#include "etalon/core/json_writer.hpp"
#include "etalon/run/journal.hpp"

namespace etalon::run {

std::optional<double> TimePerOutputToken(const core::Response& response) {
  const auto& output_tokens = response.usage.output_tokens;
  if (!response.timing.ttft_ms || !output_tokens || *output_tokens < 2) {
    return std::nullopt;
  }
  return (response.timing.end_to_end_ms - *response.timing.ttft_ms) / static_cast<double>(*output_tokens - 1);
}

std::string ResultLine(const core::RunKey& key, const core::Response& response, const NamedScores& scores,
                       const RecordContext& context) {
  // The fixed fields and hashes take about 700 bytes; the output and scores come on top.
  core::JsonWriter line(768 + response.text.size());
  line.BeginObject();
  line.Key("schema").Integer(kResultsSchemaVersion);
  line.Key("adapter").String(key.adapter);
  line.Key("suite").String(key.suite);
  line.Key("sample").String(key.sample);
  line.Key("repeat").Integer(key.repeat);
  line.Key("ok").Bool(!response.error.has_value());
  line.Key("output").String(response.text);
  line.Key("error");
  if (response.error) {
    line.BeginObject();
    line.Key("kind").String(core::ToString(response.error->kind));
    line.Key("http_status");
    if (response.error->http_status == 0) {
      line.Null();
    } else {
      line.Integer(response.error->http_status);
    }
    line.Key("message").String(response.error->message);
    line.EndObject();
  } else {
    line.Null();
  }
  line.Key("scores").BeginObject();
  for (const auto& [name, score] : scores) {
    line.Key(name).BeginObject();
    line.Key("value");
    if (score.error) {
      line.Null();
    } else {
      line.Number(score.value);
    }
    if (!score.statistics.empty()) {
      line.Key("statistics").BeginArray();
      for (const double statistic : score.statistics) line.Number(statistic);
      line.EndArray();
    }
    if (!score.extracted.empty()) line.Key("extracted").String(score.extracted);
    if (score.error) line.Key("error").String(*score.error);
    line.EndObject();
  }
  line.EndObject();
  line.Key("usage").BeginObject();
  line.Key("input_tokens").Optional(response.usage.input_tokens);
  line.Key("output_tokens").Optional(response.usage.output_tokens);
  line.Key("estimated").Bool(response.usage.estimated);
  line.EndObject();
  line.Key("timing").BeginObject();
  line.Key("queued_ms").Number(response.timing.queued_ms);
  line.Key("ttfb_ms").Optional(response.timing.ttfb_ms);
  line.Key("ttft_ms").Optional(response.timing.ttft_ms);
  line.Key("end_to_end_ms").Number(response.timing.end_to_end_ms);
  line.Key("tpot_ms").Optional(TimePerOutputToken(response));
  line.Key("chunk_gaps_ms").BeginArray();
  for (const double gap : response.timing.chunk_gaps_ms) line.Number(gap);
  line.EndArray();
  line.EndObject();
  line.Key("energy");
  if (response.energy) {
    const auto& energy = *response.energy;
    line.BeginObject();
    line.Key("joules").Number(energy.joules);
    line.Key("measured").Bool(energy.measured);
    line.Key("method").String(energy.method);
    line.Key("low_joules").Optional(energy.low_joules);
    line.Key("high_joules").Optional(energy.high_joules);
    line.EndObject();
  } else {
    line.Null();
  }
  line.Key("cost").Value(context.cost);
  line.Key("carbon").Value(context.carbon);
  line.Key("attempts").Integer(response.attempts);
  line.Key("served_model");
  if (response.served_model.empty()) {
    line.Null();
  } else {
    line.String(response.served_model);
  }
  line.Key("system_fingerprint");
  if (response.system_fingerprint.empty()) {
    line.Null();
  } else {
    line.String(response.system_fingerprint);
  }
  line.Key("dataset_sha256").String(context.dataset_sha256);
  line.Key("prompt_sha256").String(context.prompt_sha256);
  line.Key("started_at").String(context.started_at);
  line.Key("completed_at").String(context.completed_at);
  line.EndObject();
  return line.Take();
}

}  // namespace etalon::run
