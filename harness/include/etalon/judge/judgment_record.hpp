// Builds one judgments.jsonl line (schema 1, docs/results-schema.md). The
// key fields (adapter, suite, sample, repeat) come first, as in
// results.jsonl, so run::Journal keeps each judgment exactly once. A
// pairwise judgment's `adapter` is "first/second" in the order shown to the
// judge ('/' cannot appear in an id), so both orders are separate keys.
// The judge's usage, cost and energy are its own, never the judged run's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/rubric.hpp"
#include "etalon/core/response.hpp"
#include "etalon/core/run_key.hpp"
#include "etalon/judge/verdict_parser.hpp"

namespace etalon::judge {

inline constexpr int kJudgmentsSchemaVersion = 1;

// Why a key has no verdict.
enum class JudgmentFailure {
  kJudgedRequestFailed,  // the judged request itself failed: no answer to judge, the judge was not asked
  kMissingVariable,      // the rubric uses a field the sample lacks; the judge was not asked
  kJudgeRequestFailed,   // the judge's request failed (timeout, HTTP error...)
  kUnparsableVerdict,    // the judge answered, but not with a readable verdict
};

std::string_view ToString(JudgmentFailure failure);

struct JudgmentContext {
  core::RunKey key;
  const config::Rubric* rubric = nullptr;
  std::string judge_id;
  std::string judge_model;             // as the judge file asks for it
  std::vector<std::string> offers;     // pairwise: [first shown, second shown]; else empty
  nlohmann::json human = nullptr;      // the sample's human label, or null
  std::string prompt_sha256;
  std::string completed_at;
  nlohmann::ordered_json cost = nullptr;
  nlohmann::ordered_json carbon = nullptr;
};

// `response` is null when the judge was not asked; `failure` set when there is no verdict.
nlohmann::ordered_json MakeJudgmentRecord(const JudgmentContext& context, const core::Response* response,
                                          const std::optional<Verdict>& verdict,
                                          std::optional<JudgmentFailure> failure, const std::string& failure_message);

}  // namespace etalon::judge
