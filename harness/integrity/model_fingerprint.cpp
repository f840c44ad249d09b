#include "etalon/integrity/model_fingerprint.hpp"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "etalon/core/clock.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/run/result_record.hpp"
#include "etalon/stats/descriptive.hpp"

namespace etalon::integrity {

namespace {

// The suite name probe requests carry in their key; no suite has it (suite ids cannot start with '.').
constexpr const char* kProbeSuite = ".model-fingerprint";

template <typename T>
nlohmann::json Optional(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <typename T>
std::optional<T> ReadOptional(const nlohmann::json& json, const char* key) {
  const auto found = json.find(key);
  if (found == json.end() || found->is_null()) return std::nullopt;
  return found->get<T>();
}

// One request, waited for: the handler may run on any thread, and after a
// timeout it still finds its state alive.
core::Response AskOnce(core::Adapter& adapter, const core::Request& request, std::chrono::milliseconds timeout) {
  struct Pending {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<core::Response> response;
  };
  auto pending = std::make_shared<Pending>();
  adapter.Issue(request, [pending](core::Response response) {
    const std::lock_guard lock(pending->mutex);
    pending->response = std::move(response);
    pending->done.notify_all();
  });
  std::unique_lock lock(pending->mutex);
  if (!pending->done.wait_for(lock, timeout, [&] { return pending->response.has_value(); })) {
    core::Response late;
    late.error = core::Error{core::ErrorKind::kTimeout, 0,
                             fmt::format("no answer to the probe within {} ms", timeout.count())};
    late.timing.end_to_end_ms = static_cast<double>(timeout.count());
    return late;
  }
  return std::move(*pending->response);
}

ProbeObservation Observe(const Probe& probe, int repeat, const core::Response& response) {
  ProbeObservation observation;
  observation.probe = probe.id;
  observation.repeat = repeat;
  observation.ok = !response.error.has_value();
  if (response.error) {
    observation.error = fmt::format("{}: {}", core::ToString(response.error->kind), response.error->message);
  } else {
    observation.output = response.text;
    observation.output_sha256 = core::Sha256Hex(response.text);
  }
  observation.input_tokens = response.usage.input_tokens;
  observation.output_tokens = response.usage.output_tokens;
  observation.tokens_estimated = response.usage.estimated;
  observation.ttft_ms = response.timing.ttft_ms;
  observation.tpot_ms = run::TimePerOutputToken(response);
  observation.end_to_end_ms = response.timing.end_to_end_ms;
  observation.served_model = response.served_model;
  observation.system_fingerprint = response.system_fingerprint;
  return observation;
}

nlohmann::ordered_json Quantiles(std::vector<double> values) {
  if (values.empty()) return nullptr;
  const auto count = values.size();
  const auto q = stats::Percentiles(std::move(values), {10, 50, 90});
  return {{"n", count}, {"p10", q[0]}, {"p50", q[1]}, {"p90", q[2]}};
}

}  // namespace

ModelFingerprint CollectModelFingerprint(core::Adapter& adapter, const ProbeSet& probes,
                                         std::chrono::milliseconds timeout, const meters::RequestCosting* costing) {
  ModelFingerprint fingerprint;
  fingerprint.adapter = adapter.Id();
  fingerprint.probe_set = probes;
  fingerprint.collected_at = core::NowUtc();
  double eur = 0;
  for (int repeat = 0; repeat < probes.repeats; ++repeat) {
    for (const auto& probe : probes.probes) {
      core::Request request;
      request.key = core::RunKey{adapter.Id(), kProbeSuite, probe.id, repeat};
      request.prompt = probe.prompt;
      request.generation = probes.generation;
      const auto response = AskOnce(adapter, request, timeout);
      if (costing != nullptr && !response.error) {
        const auto cost = costing->Cost(response);
        if (cost.is_object() && cost.contains("eur") && cost["eur"].is_number()) {
          eur += cost["eur"].get<double>();
          ++fingerprint.requests_priced;
        }
      }
      fingerprint.observations.push_back(Observe(probe, repeat, response));
    }
  }
  if (fingerprint.requests_priced > 0) fingerprint.cost_eur = eur;
  return fingerprint;
}

std::optional<double> RepeatAgreement(const std::vector<ProbeObservation>& observations) {
  std::map<std::string, std::vector<const std::string*>> answers;
  for (const auto& observation : observations) {
    if (observation.ok) answers[observation.probe].push_back(&observation.output_sha256);
  }
  std::size_t pairs = 0;
  std::size_t agreeing = 0;
  for (const auto& [probe, hashes] : answers) {
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      for (std::size_t j = i + 1; j < hashes.size(); ++j) {
        ++pairs;
        agreeing += *hashes[i] == *hashes[j] ? 1 : 0;
      }
    }
  }
  if (pairs == 0) return std::nullopt;
  return static_cast<double>(agreeing) / static_cast<double>(pairs);
}

nlohmann::ordered_json ModelFingerprint::ToJson() const {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& o : observations) {
    rows.push_back({{"probe", o.probe},
                    {"repeat", o.repeat},
                    {"ok", o.ok},
                    {"error", o.ok ? nlohmann::json(nullptr) : nlohmann::json(o.error)},
                    {"output", o.output},
                    {"output_sha256", o.output_sha256},
                    {"input_tokens", Optional(o.input_tokens)},
                    {"output_tokens", Optional(o.output_tokens)},
                    {"tokens_estimated", o.tokens_estimated},
                    {"ttft_ms", Optional(o.ttft_ms)},
                    {"tpot_ms", Optional(o.tpot_ms)},
                    {"end_to_end_ms", o.end_to_end_ms},
                    {"served_model", o.served_model},
                    {"system_fingerprint", o.system_fingerprint}});
  }
  return {{"adapter", adapter},
          {"collected_at", collected_at},
          {"probe_set", probe_set.ToJson()},
          {"logprobs", logprobs},
          {"cost", {{"eur", Optional(cost_eur)}, {"requests_priced", requests_priced}}},
          {"observations", std::move(rows)},
          {"digest", Digest()}};
}

std::optional<ModelFingerprint> ModelFingerprint::FromJson(const nlohmann::json& json, std::string& error) {
  try {
    ModelFingerprint fingerprint;
    fingerprint.adapter = json.at("adapter").get<std::string>();
    fingerprint.collected_at = json.at("collected_at").get<std::string>();
    auto probe_set = ProbeSet::FromJson(json.at("probe_set"), error);
    if (!probe_set) return std::nullopt;
    fingerprint.probe_set = std::move(*probe_set);
    fingerprint.logprobs = json.at("logprobs").get<std::string>();
    fingerprint.cost_eur = ReadOptional<double>(json.at("cost"), "eur");
    fingerprint.requests_priced = json.at("cost").at("requests_priced").get<std::size_t>();
    for (const auto& row : json.at("observations")) {
      ProbeObservation o;
      o.probe = row.at("probe").get<std::string>();
      o.repeat = row.at("repeat").get<int>();
      o.ok = row.at("ok").get<bool>();
      o.error = row.at("error").is_null() ? std::string() : row.at("error").get<std::string>();
      o.output = row.at("output").get<std::string>();
      o.output_sha256 = row.at("output_sha256").get<std::string>();
      o.input_tokens = ReadOptional<std::int64_t>(row, "input_tokens");
      o.output_tokens = ReadOptional<std::int64_t>(row, "output_tokens");
      o.tokens_estimated = row.at("tokens_estimated").get<bool>();
      o.ttft_ms = ReadOptional<double>(row, "ttft_ms");
      o.tpot_ms = ReadOptional<double>(row, "tpot_ms");
      o.end_to_end_ms = row.at("end_to_end_ms").get<double>();
      o.served_model = row.at("served_model").get<std::string>();
      o.system_fingerprint = row.at("system_fingerprint").get<std::string>();
      fingerprint.observations.push_back(std::move(o));
    }
    return fingerprint;
  } catch (const nlohmann::json::exception& json_error) {
    error = json_error.what();
    return std::nullopt;
  }
}

nlohmann::ordered_json ModelFingerprint::Digest() const {
  std::set<std::string> hashes;
  std::set<std::string> probe_answers;  // "probe sha256", so the digest also says which probe got which answer
  std::set<std::string> served_models;
  std::set<std::string> system_fingerprints;
  std::vector<double> ttft;
  std::vector<double> tpot;
  std::vector<double> end_to_end;
  std::vector<double> output_tokens;
  std::int64_t input_total = 0;
  std::int64_t output_total = 0;
  std::size_t failed = 0;
  for (const auto& o : observations) {
    if (!o.ok) {
      ++failed;
      continue;
    }
    hashes.insert(o.output_sha256);
    probe_answers.insert(o.probe + " " + o.output_sha256);
    if (!o.served_model.empty()) served_models.insert(o.served_model);
    if (!o.system_fingerprint.empty()) system_fingerprints.insert(o.system_fingerprint);
    if (o.ttft_ms) ttft.push_back(*o.ttft_ms);
    if (o.tpot_ms) tpot.push_back(*o.tpot_ms);
    end_to_end.push_back(o.end_to_end_ms);
    if (o.output_tokens) {
      output_tokens.push_back(static_cast<double>(*o.output_tokens));
      output_total += *o.output_tokens;
    }
    input_total += o.input_tokens.value_or(0);
  }
  std::string joined;
  for (const auto& line : probe_answers) joined += line + "\n";
  return {{"probe_set", {{"id", probe_set.id}, {"version", probe_set.version}, {"sha256", probe_set.sha256}}},
          {"collected_at", collected_at},
          {"requests", observations.size()},
          {"failed", failed},
          {"answers_digest", core::Sha256Hex(joined)},
          {"answers_sha256", hashes},
          {"served_models", served_models},
          {"system_fingerprints", system_fingerprints},
          {"repeat_agreement", Optional(RepeatAgreement(observations))},
          {"latency_ms",
           {{"ttft", Quantiles(std::move(ttft))},
            {"tpot", Quantiles(std::move(tpot))},
            {"end_to_end", Quantiles(std::move(end_to_end))}}},
          {"tokens", {{"input", input_total}, {"output", output_total}, {"output_per_answer", Quantiles(output_tokens)}}},
          {"logprobs", logprobs},
          {"cost_eur", Optional(cost_eur)}};
}

}  // namespace etalon::integrity
