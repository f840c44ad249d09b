// Asks a judge model about a finished run's answers. Streams the run's
// results.jsonl (one line in memory at a time; pairwise keeps only each
// line's byte offset, then reads the two answers of a pair back), renders
// the rubric with the sample's fields and the answer, issues the request
// through the ordinary Adapter interface with at most `concurrency` in
// flight, and appends each judgment to a run::Journal: exactly once per
// key, so a killed or interrupted judging resumes where it stopped.
//
// Answers are untrusted text: they only ever become part of the prompt.
// Every key gets a line: a failed judged request, a rubric variable the
// sample lacks, a failed judge request and an unreadable verdict are each
// recorded with their reason (docs/judge.md).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "etalon/config/plan.hpp"
#include "etalon/config/rubric.hpp"
#include "etalon/core/adapter.hpp"
#include "etalon/judge/sample_index.hpp"
#include "etalon/meters/request_costing.hpp"
#include "etalon/run/journal.hpp"

namespace etalon::judge {

struct JudgeSettings {
  std::vector<std::string> adapters;  // the offers to judge, in this order (pairwise: every pair of them)
  std::vector<std::string> suites;
  std::size_t concurrency = 4;
  const std::atomic<bool>* stop_requested = nullptr;  // set (SIGINT) to stop issuing; what is in flight completes
};

struct JudgeTotals {
  std::size_t expected = 0;      // judgment keys this run of the judge covers
  std::size_t already_done = 0;  // found in judgments.jsonl at start
  std::size_t recorded = 0;      // written by this attempt
  std::size_t failed = 0;        // of those, without a verdict
  // Pairwise: (suite, sample, repeat) where some offer has no result, so its pairs were not asked.
  std::size_t unpaired = 0;
  bool stopped = false;
  std::optional<std::string> fatal_error;
};

class JudgeRunner {
 public:
  JudgeRunner(const config::Rubric& rubric, core::Adapter& judge, const config::AdapterConfig& judge_config,
              const meters::RequestCosting* costing, const SampleIndex& samples, run::Journal& journal);
  ~JudgeRunner();
  JudgeRunner(const JudgeRunner&) = delete;
  JudgeRunner& operator=(const JudgeRunner&) = delete;

  // Judges every key not yet in the journal. Blocks until every request
  // completed and the judge drained. Throws std::runtime_error naming file
  // and line for a malformed results.jsonl.
  JudgeTotals Run(const std::string& results_path, const JudgeSettings& settings);

 private:
  struct State;
  struct Answer;

  void JudgePointwise(const std::string& results_path, const JudgeSettings& settings, JudgeTotals& totals);
  void JudgePairwise(const std::string& results_path, const JudgeSettings& settings, JudgeTotals& totals);
  // Renders and issues one judgment (or records at once why it cannot be asked).
  void Submit(const core::RunKey& key, const std::vector<const Answer*>& answers, const JudgeSettings& settings);

  const config::Rubric& rubric_;
  core::Adapter& judge_;
  const config::AdapterConfig& judge_config_;
  const meters::RequestCosting* costing_;
  const SampleIndex& samples_;
  run::Journal& journal_;
  std::unique_ptr<State> state_;
};

}  // namespace etalon::judge
