// judgments.json from judgments.jsonl alone (docs/results-schema.md):
// per (offer, suite) the mean score or pass rate with its 95% interval and
// Cohen's kappa against human labels; for pairwise rubrics the order-checked
// outcomes, the position-bias rate and Bradley-Terry strengths; and the
// judge's own usage, cost and energy, apart from the judged run's. The
// figures depend on the judgments, not on the order they were written in.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/config/rubric.hpp"

namespace etalon::judge {

struct JudgmentSummaryInput {
  std::string judgments_path;
  const config::Rubric* rubric = nullptr;
  const config::AdapterConfig* judge = nullptr;
  std::vector<std::string> offers;  // judged offers, in the judge file's order
  std::vector<std::string> suites;
  std::size_t unpaired = 0;         // pairwise: samples where an offer had no result
};

// Throws std::runtime_error naming file and line for a malformed line.
nlohmann::ordered_json BuildJudgmentSummary(const JudgmentSummaryInput& input);

}  // namespace etalon::judge
