#include "run_documents_writer.hpp"

#include <filesystem>
#include <sstream>

#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/floor_summary.hpp"
#include "model_facts.hpp"

namespace etalon::cli {

reports::SampleCollector ReportSamples(const std::string& journal_path) {
  return reports::SampleCollector(reports::SampleLimits{}, journal_path);
}

void WriteRunDocuments(const std::string& folder, const nlohmann::ordered_json& summary, reports::Language language,
                       reports::SampleCollector samples) {
  const std::filesystem::path path(folder);
  // Recorded beside the summary, before the reports that show it, so a report
  // rebuilt later shows the facts known at run time.
  core::WriteFileAtomically((path / "model_facts.json").string(), ModelFacts(summary).dump(2) + "\n");
  // Each suite's classical floor joins the summary here, where the journal is
  // final, so summary.json carries it for tools (docs/frugality.md).
  reports::RunDocuments documents{folder, summary};
  reports::AddFloorsToSummary(documents);
  // The reports are drawn from what summary.json holds, not from the values
  // in memory: an unbounded metric's infinite maximum is null in the file,
  // and `etalon report`, which reads the file, must draw the same page.
  const auto summary_text = documents.summary.dump(2) + "\n";
  documents.summary = nlohmann::ordered_json::parse(summary_text);
  documents.samples = std::make_shared<const reports::SampleSelection>(std::move(samples).Finish(documents));
  for (const auto& format : {"html", "md"}) {
    const auto reporter = reports::MakeReporter(format);
    std::ostringstream document;
    reporter->Write(documents, language, document);
    core::WriteFileAtomically((path / reporter->FileName()).string(), document.str());
  }
  // Last: its presence marks a finished run, so a failure above (disk full) leaves the run resumable.
  core::WriteFileAtomically((path / "summary.json").string(), summary_text);
}

}  // namespace etalon::cli
