// Writes one results.jsonl line (schema version 1, docs/results-schema.md)
// straight to text (core/json_writer.hpp), as nlohmann would dump the record.
// Field order is part of the format: readers may rely on it for streaming,
// and byte-identical journals need it stable. Do not reorder.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/response.hpp"
#include "etalon/core/run_key.hpp"
#include "etalon/metrics/metric.hpp"

namespace etalon::run {

struct RecordContext {
  std::string dataset_sha256;
  std::string prompt_sha256;
  std::string started_at;    // UTC, when the request was handed to the adapter
  std::string completed_at;  // UTC
  nlohmann::ordered_json cost = nullptr;    // meters::RequestCosting::Cost, or null
  nlohmann::ordered_json carbon = nullptr;  // meters::RequestCosting::Carbon, or null
};

using NamedScores = std::vector<std::pair<std::string, metrics::SampleScore>>;

// TPOT as vLLM and MLPerf define it: (end-to-end - TTFT) / (output tokens - 1);
// null without a TTFT or with fewer than two output tokens.
std::optional<double> TimePerOutputToken(const core::Response& response);

// The line, without its newline.
std::string ResultLine(const core::RunKey& key, const core::Response& response, const NamedScores& scores,
                       const RecordContext& context);

}  // namespace etalon::run
