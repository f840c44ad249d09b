#include "csv_reporter.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "result_stream.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

// Numbers as JSON writes them: shortest round-trip form, decimal point.
std::string NumberField(const nlohmann::json& value) { return value.is_number() ? value.dump() : ""; }
std::string NumberField(const Json& value) { return value.is_number() ? value.dump() : ""; }

// Untrusted text that a spreadsheet would take for a formula (OWASP "CSV injection").
std::string TextField(const std::string& text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                        text[0] == '\r')) {
    return "'" + text;
  }
  return text;
}

const std::vector<std::string> kFixedColumns = {
    "record",        "adapter",       "suite",          "sample",         "repeat",           "ok",
    "error_kind",    "error_message", "output",         "end_to_end_ms",  "ttft_ms",          "input_tokens",
    "output_tokens", "energy_joules", "energy_measured", "energy_method", "recorded",         "failed",
    "error_rate",    "end_to_end_p50_ms", "end_to_end_p95_ms"};

// The fields of a result line the rows show; the others are skipped while parsing.
const run::JournalFields kResultFields = {"adapter", "suite", "sample", "repeat", "error",
                                          "output",  "timing", "usage", "energy", "scores"};

class Table {
 public:
  Table(std::ostream& out, std::vector<std::string> metrics) : out_(&out), metrics_(std::move(metrics)) {}

  void WriteHeader() {
    std::vector<std::string> row = kFixedColumns;
    for (const auto& metric : metrics_) {
      row.push_back(metric);
      row.push_back(metric + "_ci95_low");
      row.push_back(metric + "_ci95_high");
    }
    WriteRow(row);
  }

  std::vector<std::string> EmptyRow() const { return std::vector<std::string>(kFixedColumns.size() + 3 * metrics_.size()); }

  void SetMetric(std::vector<std::string>& row, const std::string& name, const std::string& value,
                 const std::string& low = "", const std::string& high = "") const {
    const auto found = std::find(metrics_.begin(), metrics_.end(), name);
    if (found == metrics_.end()) return;
    const auto at = kFixedColumns.size() + 3 * static_cast<std::size_t>(found - metrics_.begin());
    row[at] = value;
    row[at + 1] = low;
    row[at + 2] = high;
  }

  void WriteRow(const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      *out_ << (i == 0 ? "" : ",") << CsvField(row[i]);
    }
    *out_ << "\r\n";
  }

 private:
  std::ostream* out_;
  std::vector<std::string> metrics_;
};

// Every metric of every suite, in the order the suites list them.
std::vector<std::string> MetricColumns(const Json& summary) {
  std::vector<std::string> metrics;
  for (const auto& suite : summary.at("suites")) {
    for (const auto& metric : suite.at("metrics")) {
      const auto name = metric.at("name").get<std::string>();
      if (std::find(metrics.begin(), metrics.end(), name) == metrics.end()) metrics.push_back(name);
    }
  }
  return metrics;
}

enum Column : std::size_t {
  kRecord, kAdapter, kSuite, kSample, kRepeat, kOk, kErrorKind, kErrorMessage, kOutput, kEndToEnd, kTtft,
  kInputTokens, kOutputTokens, kEnergyJoules, kEnergyMeasured, kEnergyMethod, kRecorded, kFailed, kErrorRate,
  kEndToEndP50, kEndToEndP95
};

}  // namespace

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

void CsvReporter::Write(const RunDocuments& run, Language /*language: CSV is data, not prose*/, std::ostream& out) const {
  if (byte_order_mark_) {
    out << "\xEF\xBB\xBF";
  }
  Table table(out, {});
  try {
    table = Table(out, MetricColumns(run.summary));
    table.WriteHeader();
    for (const auto& result : run.summary.at("results")) {
      auto row = table.EmptyRow();
      row[kRecord] = "summary";
      row[kAdapter] = result.at("adapter").get<std::string>();
      row[kSuite] = result.at("suite").get<std::string>();
      row[kRecorded] = NumberField(result.at("recorded"));
      row[kFailed] = NumberField(result.at("failed"));
      row[kErrorRate] = NumberField(result.at("error_rate"));
      if (const auto& e2e = result.at("latency_ms").at("end_to_end"); e2e.is_object()) {
        row[kEndToEndP50] = NumberField(e2e.at("p50"));
        row[kEndToEndP95] = NumberField(e2e.at("p95"));
      }
      for (const auto& [name, metric] : result.at("metrics").items()) {
        const auto ci = metric.find("ci95");
        const bool has_ci = ci != metric.end() && ci->is_object();
        table.SetMetric(row, name, NumberField(metric.at("value")), has_ci ? NumberField(ci->at("low")) : "",
                        has_ci ? NumberField(ci->at("high")) : "");
      }
      table.WriteRow(row);
    }
  } catch (const nlohmann::ordered_json::exception& error) {
    throw std::runtime_error(fmt::format("{}/summary.json: missing or malformed field: {}", run.run_folder, error.what()));
  }
  ForEachResult(run.run_folder, kResultFields, [&](const nlohmann::json& record, std::string_view, std::size_t line) {
    try {
      auto row = table.EmptyRow();
      row[kRecord] = "result";
      row[kAdapter] = record.at("adapter").get<std::string>();
      row[kSuite] = record.at("suite").get<std::string>();
      row[kSample] = record.at("sample").get<std::string>();
      row[kRepeat] = NumberField(record.at("repeat"));
      const auto& error = record.at("error");
      row[kOk] = error.is_null() ? "true" : "false";
      if (!error.is_null()) {
        row[kErrorKind] = error.value("kind", "");
        row[kErrorMessage] = TextField(error.value("message", ""));
      }
      row[kOutput] = TextField(record.value("output", ""));
      const auto& timing = record.at("timing");
      row[kEndToEnd] = NumberField(timing.value("end_to_end_ms", nlohmann::json()));
      row[kTtft] = NumberField(timing.value("ttft_ms", nlohmann::json()));
      const auto& usage = record.at("usage");
      row[kInputTokens] = NumberField(usage.value("input_tokens", nlohmann::json()));
      row[kOutputTokens] = NumberField(usage.value("output_tokens", nlohmann::json()));
      if (const auto energy = record.find("energy"); energy != record.end() && energy->is_object()) {
        row[kEnergyJoules] = NumberField(energy->at("joules"));
        row[kEnergyMeasured] = energy->at("measured").get<bool>() ? "true" : "false";
        row[kEnergyMethod] = energy->value("method", "");
      }
      for (const auto& [name, score] : record.at("scores").items()) {
        table.SetMetric(row, name, NumberField(score.value("value", nlohmann::json())));
      }
      table.WriteRow(row);
    } catch (const nlohmann::json::exception& error) {
      throw std::runtime_error(
          fmt::format("{}/results.jsonl:{}: missing or malformed field: {}", run.run_folder, line, error.what()));
    }
  });
}

}  // namespace etalon::reports
