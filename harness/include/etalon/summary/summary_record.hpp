// What the passes over results.jsonl after a run read of each result line
// (the summary, the report's sample selection), read into typed fields
// rather than a JSON tree: building and freeing the tree was most of the
// cost of following a run's journal. energy, cost and carbon stay JSON:
// they are rare (null for most vendors' lines) and read by code that walks
// their fields.
//
// The fields are read as nlohmann::json's accessors would read them from
// the parsed line, and a line breaks the same rules with the same
// exceptions: a missing field a summary needs is nlohmann's out_of_range
// (403), a field of the wrong type its type_error (302, 304). A request
// that failed needs no scores, usage nor timing; one that succeeded needs
// them, each score with its "value". Other fields are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/run/journal_reader.hpp"

namespace etalon::summary {

struct RecordedScore {
  std::string metric;
  bool has_error = false;                         // the score carries an "error"
  std::optional<double> value;                    // its "value", when a number
  std::optional<std::vector<double>> statistics;  // a corpus metric's, when given

  friend bool operator==(const RecordedScore&, const RecordedScore&) = default;
};

struct SummaryRecord {
  std::string adapter;
  std::string suite;
  std::optional<std::string> error_kind;  // set when the request failed ("error" not null)
  std::vector<RecordedScore> scores;       // one per metric, in name order
  // timing: each figure when a number.
  std::optional<double> end_to_end_ms;
  std::optional<double> ttfb_ms;
  std::optional<double> ttft_ms;
  std::optional<double> tpot_ms;
  std::vector<double> chunk_gaps_ms;
  // usage: each count when a number, as get<std::int64_t>() reads it.
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  bool usage_estimated = false;
  nlohmann::json energy;  // null when absent
  nlohmann::json cost;
  nlohmann::json carbon;
  std::string started_at;  // empty when absent
  std::string completed_at;
  std::optional<std::string> served_model;  // when a string

  bool failed() const { return error_kind.has_value(); }
  const RecordedScore* FindScore(std::string_view metric) const;

  friend bool operator==(const SummaryRecord&, const SummaryRecord&) = default;
};

// The top-level fields a SummaryRecord is read from.
const run::JournalFields& SummaryRecordFields();

// Reads one result line. Throws nlohmann::json::exception: parse errors as
// nlohmann::json::parse gives them, and the breaks of the rules above.
SummaryRecord ReadSummaryRecord(std::string_view line);

// The same, from a line already parsed (holding at least SummaryRecordFields()).
SummaryRecord SummaryRecordFromJson(const nlohmann::json& record);

}  // namespace etalon::summary
