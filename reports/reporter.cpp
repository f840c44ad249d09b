#include "etalon/reports/reporter.hpp"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "markdown_reporter.hpp"

namespace etalon::reports {

std::vector<std::unique_ptr<Reporter>> AllReporters() {
  std::vector<std::unique_ptr<Reporter>> reporters;
  reporters.push_back(std::make_unique<MarkdownReporter>());
  return reporters;
}

std::unique_ptr<Reporter> MakeReporter(const std::string& format) {
  for (auto& reporter : AllReporters()) {
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
    documents.summary = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(fmt::format("{}: not valid JSON: {}", path, error.what()));
  }
  return documents;
}

}  // namespace etalon::reports
