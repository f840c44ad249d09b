// Builds summary.json from a run's journal alone (plus the suites, for the
// metrics' corpus formulas), streaming it once: so a summary can be rebuilt
// at any time, after a resume or a merge, without calling a model again.
// Schema in docs/results-schema.md.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/config/plan.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "etalon/summary/summary_record.hpp"

namespace etalon::summary {

inline constexpr int kSummarySchemaVersion = 1;

struct SkippedAdapter {
  std::string id;
  std::string reason;
};

struct SummaryInput {
  std::string journal_path;
  nlohmann::json run_record = nlohmann::json::object();  // run.json: fingerprint, started_at, selection
  const config::Plan* plan = nullptr;
  // The adapters that ran, in plan order, each with the ids of the suites it ran.
  std::vector<std::pair<std::string, std::vector<std::string>>> adapter_suites;
  std::vector<SkippedAdapter> skipped_adapters;
  const std::vector<std::unique_ptr<run::PreparedSuite>>* suites = nullptr;
  std::optional<std::size_t> limit;
  std::string finished_at;
  // A shard (docs/sharding.md): the keys each (adapter, suite) cell expects;
  // unset: samples in run × repeats.
  std::optional<std::map<std::pair<std::string, std::string>, std::size_t>> expected_keys;
  bool stopped = false;  // the run was interrupted before every key was issued
  // The whole run's host energy from the best meter available (see docs/energy.md),
  // or null. Kept apart from per-request figures and never added to them.
  nlohmann::json run_energy = nullptr;
  // Called with every journal record as read, its whole line and line
  // number: the reports' sample selection rides on this pass instead of
  // reading the journal again.
  std::function<void(const SummaryRecord& record, std::string_view line, std::size_t number)> on_record;
};

struct SummaryTotals {
  std::size_t expected = 0;
  std::size_t recorded = 0;
  std::size_t failed = 0;
  double error_rate = 0;  // failed / recorded (0 when nothing recorded)
};

struct Summary {
  nlohmann::ordered_json json;
  SummaryTotals totals;
};

// Builds a summary from journal lines its caller reads: a run hands it the
// lines while they are written (run/journal_follower.hpp).
class SummaryBuilder {
 public:
  // `input` must outlive the builder. Finish reads it again, so the fields
  // known only at the run's end (finished_at, stopped, run_energy) may be
  // set after construction; journal_path names the file in errors.
  explicit SummaryBuilder(const SummaryInput& input);
  ~SummaryBuilder();
  SummaryBuilder(const SummaryBuilder&) = delete;
  SummaryBuilder& operator=(const SummaryBuilder&) = delete;

  // One journal line and its 1-based number, in the journal's order. Throws
  // std::runtime_error naming the file and line when it is not a result line.
  void AddLine(const std::string& line, std::size_t number);
  Summary Finish() const;

 private:
  struct Cells;
  const SummaryInput& input_;
  std::unique_ptr<Cells> cells_;
};

// Reads the journal at input.journal_path through a SummaryBuilder. Throws
// std::runtime_error when the journal cannot be read.
Summary BuildSummary(const SummaryInput& input);

}  // namespace etalon::summary
