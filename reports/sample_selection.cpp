#include "etalon/reports/sample_selection.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/sha256.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"
#include "result_stream.hpp"

namespace etalon::reports {

namespace {

// Dataset fields shown as the prompt's input and as the expected answer, in
// order of preference (tasks name them differently: see datasets/*/DATASHEET.md).
const std::vector<const char*> kInputFields = {"input", "question", "image", "audio"};
const std::vector<const char*> kReferenceFields = {"reference", "label", "target", "relevant_ids"};

std::string FieldText(const nlohmann::json& fields, const std::vector<const char*>& names) {
  for (const char* name : names) {
    const auto found = fields.find(name);
    if (found == fields.end() || found->is_null()) {
      continue;
    }
    return found->is_string() ? found->get<std::string>()
                              : found->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return "";
}

SampleRow MakeRow(const nlohmann::json& record, std::size_t max_text_bytes) {
  SampleRow row;
  row.adapter = record.at("adapter").get<std::string>();
  row.suite = record.at("suite").get<std::string>();
  row.sample = record.at("sample").get<std::string>();
  row.repeat = record.value("repeat", std::int64_t{0});
  row.ok = record.at("error").is_null();
  row.output = CutText(record.value("output", std::string()), max_text_bytes);
  if (!row.ok) {
    const auto& error = record.at("error");
    row.error = CutText(error.value("kind", std::string()) + ": " + error.value("message", std::string()), max_text_bytes);
  }
  const auto& scores = record.at("scores");
  for (const auto& [name, score] : scores.items()) {
    row.scores[name] = score.is_object() ? score.value("value", nlohmann::json()) : nlohmann::json();
  }
  return row;
}

// Fills input and reference of the rows of `suite` from its dataset, when the
// file is there with the sha256 the run recorded.
void AddDatasetFields(const nlohmann::ordered_json& suite, std::vector<SampleRow*>& rows, std::size_t max_text_bytes,
                      SampleSelection& selection) {
  const auto suite_id = suite.at("id").get<std::string>();
  const auto& dataset = suite.at("dataset");
  const auto path = dataset.at("path").get<std::string>();
  const auto recorded_sha256 = dataset.at("sha256").get<std::string>();
  if (!std::filesystem::is_regular_file(path) || core::Sha256HexOfFile(path).value_or("") != recorded_sha256) {
    selection.suites_without_dataset.insert(suite_id);
    return;
  }
  std::map<std::string, std::vector<SampleRow*>> wanted;
  for (auto* row : rows) {
    wanted[row->sample].push_back(row);
  }
  dataset::JsonlDataset reader(path);
  core::Sample sample;
  core::Diagnostic problem;
  for (auto read = reader.Next(sample, problem); read != dataset::JsonlDataset::Read::kEnd;
       read = reader.Next(sample, problem)) {
    if (read != dataset::JsonlDataset::Read::kSample) {
      continue;  // validation reported it before the run; nothing to show for it
    }
    const auto found = wanted.find(sample.id);
    if (found == wanted.end()) {
      continue;
    }
    const auto input = CutText(FieldText(sample.fields, kInputFields), max_text_bytes);
    const auto reference = CutText(FieldText(sample.fields, kReferenceFields), max_text_bytes);
    for (auto* row : found->second) {
      row->input = input;
      row->reference = reference;
    }
    wanted.erase(found);
    if (wanted.empty()) {
      break;  // the rows shown are the first samples and failures: the rest of a large dataset is not read
    }
  }
}

}  // namespace

bool SampleSelection::TruncatedAny() const {
  for (const auto& [key, counts] : cells) {
    if (counts.shown < counts.results) {
      return true;
    }
  }
  return false;
}

std::string CutText(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;  // do not split a multi-byte character
  }
  return text.substr(0, end) + "…";
}

SampleCollector::SampleCollector(SampleLimits limits, std::string journal_path)
    : journal_path_(std::move(journal_path)) {
  selection_.limits = limits;
}

const std::vector<std::string_view>& SampleCollector::Fields() {
  // What Add reads of every line; a kept line is parsed whole for its row.
  static const std::vector<std::string_view> kFields = {"adapter", "suite", "error", "served_model"};
  return kFields;
}

// Counts the line in its cell and keeps it when it is among the cell's first
// samples or, beyond those, among its first failures.
void SampleCollector::Count(const std::string& adapter, const std::string& suite, bool failed,
                            const std::string* served_model, std::string_view text, std::size_t line) {
  const auto& limits = selection_.limits;
  const auto key = std::make_pair(adapter, suite);
  auto& counts = selection_.cells[key];
  ++counts.results;
  if (failed) {
    ++counts.failures;
  }
  if (served_model != nullptr) {
    selection_.served_models[adapter].insert(*served_model);
  }
  auto& failures_shown = failures_shown_[key];
  const bool first = counts.shown - failures_shown < limits.first_per_cell;
  const bool failure_shown = failed && failures_shown < limits.failures_per_cell;
  if (first || failure_shown) {
    if (!first) {
      ++failures_shown;
    }
    ++counts.shown;
    try {
      selection_.rows.push_back(MakeRow(nlohmann::json::parse(text), limits.max_text_bytes));
    } catch (const nlohmann::json::exception& error) {
      Malformed(line, error);
    }
  }
}

void SampleCollector::Add(const summary::SummaryRecord& record, std::string_view text, std::size_t line) {
  Count(record.adapter, record.suite, record.failed(), record.served_model ? &*record.served_model : nullptr, text,
        line);
}

void SampleCollector::Add(const nlohmann::json& record, std::string_view text, std::size_t line) {
  try {
    const auto served = record.find("served_model");
    Count(record.at("adapter").get<std::string>(), record.at("suite").get<std::string>(), !record.at("error").is_null(),
          served != record.end() && served->is_string() ? &served->get_ref<const std::string&>() : nullptr, text, line);
  } catch (const nlohmann::json::exception& error) {
    Malformed(line, error);
  }
}

void SampleCollector::Malformed(std::size_t line, const std::exception& error) const {
  throw std::runtime_error(fmt::format("{}:{}: missing or malformed field: {}", journal_path_, line, error.what()));
}

SampleSelection SampleCollector::Finish(const RunDocuments& run) && {
  auto selection = std::move(selection_);
  // Cells in the summary's order (plan order), journal order inside a cell.
  std::map<std::pair<std::string, std::string>, std::size_t> cell_order;
  for (const auto& result : run.summary.at("results")) {
    cell_order.emplace(std::make_pair(result.at("adapter").get<std::string>(), result.at("suite").get<std::string>()),
                       cell_order.size());
  }
  std::stable_sort(selection.rows.begin(), selection.rows.end(), [&](const SampleRow& a, const SampleRow& b) {
    const auto rank = [&](const SampleRow& row) {
      const auto found = cell_order.find({row.adapter, row.suite});
      return found == cell_order.end() ? cell_order.size() : found->second;
    };
    return rank(a) < rank(b);
  });
  for (const auto& suite : run.summary.at("suites")) {
    std::vector<SampleRow*> rows;
    for (auto& row : selection.rows) {
      if (row.suite == suite.at("id")) {
        rows.push_back(&row);
      }
    }
    if (!rows.empty()) {
      AddDatasetFields(suite, rows, selection.limits.max_text_bytes, selection);
    }
  }
  return selection;
}

SampleSelection SelectSamples(const RunDocuments& run, const SampleLimits& limits) {
  SampleCollector collector(limits, run.run_folder + "/results.jsonl");
  ForEachResult(run.run_folder, SampleCollector::Fields(),
                [&](const nlohmann::json& record, std::string_view text, std::size_t line) {
                  collector.Add(record, text, line);
                });
  return std::move(collector).Finish(run);
}

}  // namespace etalon::reports
