#include "etalon/reports/reporter.hpp"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "csv_reporter.hpp"
#include "html_reporter.hpp"
#include "json_reporter.hpp"
#include "junit_reporter.hpp"
#include "markdown_reporter.hpp"

namespace etalon::reports {

std::vector<std::unique_ptr<Reporter>> AllReporters(const ReporterOptions& options) {
  std::vector<std::unique_ptr<Reporter>> reporters;
  reporters.push_back(std::make_unique<HtmlReporter>());
  reporters.push_back(std::make_unique<MarkdownReporter>());
  reporters.push_back(std::make_unique<CsvReporter>(options.csv_byte_order_mark));
  reporters.push_back(std::make_unique<JsonReporter>());
  reporters.push_back(std::make_unique<JunitReporter>());
  return reporters;
}

std::unique_ptr<Reporter> MakeReporter(const std::string& format, const ReporterOptions& options) {
  for (auto& reporter : AllReporters(options)) {
    if (reporter->Format() == format) {
      return std::move(reporter);
    }
  }
  return nullptr;
}

RunDocuments LoadRunDocuments(const std::string& run_folder) {
  const auto path = run_folder + "/summary.json";
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error(fmt::format("{}: cannot read (is this a finished run folder?)", path));
  }
  RunDocuments documents;
  documents.run_folder = run_folder;
  try {
    documents.summary = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(fmt::format("{}: not valid JSON: {}", path, error.what()));
  }
  return documents;
}

}  // namespace etalon::reports
