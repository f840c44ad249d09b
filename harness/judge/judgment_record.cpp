#include "etalon/judge/judgment_record.hpp"

namespace etalon::judge {

std::string_view ToString(JudgmentFailure failure) {
  switch (failure) {
    case JudgmentFailure::kJudgedRequestFailed:
      return "judged_request_failed";
    case JudgmentFailure::kMissingVariable:
      return "missing_variable";
    case JudgmentFailure::kJudgeRequestFailed:
      return "judge_request_failed";
    case JudgmentFailure::kUnparsableVerdict:
      return "unparsable_verdict";
  }
  return "judge_request_failed";
}

namespace {

nlohmann::ordered_json OptionalJson(const auto& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json WinnerJson(const JudgmentContext& context, const std::optional<Verdict>& verdict) {
  if (!verdict || !verdict->preferred) {
    return nullptr;
  }
  switch (*verdict->preferred) {
    case Position::kA:
      return context.offers.at(0);
    case Position::kB:
      return context.offers.at(1);
    case Position::kTie:
      return "tie";
  }
  return nullptr;
}

}  // namespace

nlohmann::ordered_json MakeJudgmentRecord(const JudgmentContext& context, const core::Response* response,
                                          const std::optional<Verdict>& verdict,
                                          std::optional<JudgmentFailure> failure,
                                          const std::string& failure_message) {
  const bool pairwise = context.rubric->mode == config::JudgeMode::kPairwise;
  nlohmann::ordered_json record;
  record["schema"] = kJudgmentsSchemaVersion;
  record["adapter"] = context.key.adapter;
  record["suite"] = context.key.suite;
  record["sample"] = context.key.sample;
  record["repeat"] = context.key.repeat;
  record["mode"] = config::ToString(context.rubric->mode);
  record["offers"] = pairwise ? nlohmann::ordered_json(context.offers) : nlohmann::ordered_json(nullptr);
  record["ok"] = verdict.has_value() && !failure;
  record["score"] = verdict ? OptionalJson(verdict->score) : nlohmann::ordered_json(nullptr);
  record["pass"] = verdict ? OptionalJson(verdict->pass) : nlohmann::ordered_json(nullptr);
  record["preferred"] = verdict && verdict->preferred ? nlohmann::ordered_json(ToString(*verdict->preferred))
                                                       : nlohmann::ordered_json(nullptr);
  record["winner"] = WinnerJson(context, verdict);
  record["reasoning"] = verdict ? verdict->reasoning : "";
  record["verdict_text"] = response != nullptr && !response->error ? response->text : "";
  record["error"] = failure ? nlohmann::ordered_json{{"kind", ToString(*failure)}, {"message", failure_message}}
                            : nlohmann::ordered_json(nullptr);
  record["human"] = context.human;
  record["rubric"] = {{"id", context.rubric->id},
                      {"version", context.rubric->version},
                      {"sha256", context.rubric->sha256}};
  record["judge"] = {{"id", context.judge_id},
                     {"model", context.judge_model},
                     {"served_model", response != nullptr && !response->served_model.empty()
                                          ? nlohmann::ordered_json(response->served_model)
                                          : nlohmann::ordered_json(nullptr)}};
  if (response != nullptr) {
    record["judge_usage"] = {{"input_tokens", OptionalJson(response->usage.input_tokens)},
                             {"output_tokens", OptionalJson(response->usage.output_tokens)},
                             {"estimated", response->usage.estimated}};
    record["judge_end_to_end_ms"] = response->timing.end_to_end_ms;
    record["judge_energy"] = response->energy
                                 ? nlohmann::ordered_json{{"joules", response->energy->joules},
                                                          {"measured", response->energy->measured},
                                                          {"method", response->energy->method},
                                                          {"low_joules", OptionalJson(response->energy->low_joules)},
                                                          {"high_joules", OptionalJson(response->energy->high_joules)}}
                                 : nlohmann::ordered_json(nullptr);
  } else {
    record["judge_usage"] = nullptr;
    record["judge_end_to_end_ms"] = nullptr;
    record["judge_energy"] = nullptr;
  }
  record["judge_cost"] = context.cost;
  record["judge_carbon"] = context.carbon;
  record["prompt_sha256"] = context.prompt_sha256;
  record["completed_at"] = context.completed_at;
  return record;
}

}  // namespace etalon::judge
