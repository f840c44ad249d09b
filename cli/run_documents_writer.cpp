#include "run_documents_writer.hpp"

#include <filesystem>
#include <future>
#include <sstream>
#include <system_error>
#include <vector>

#include "etalon/core/atomic_file.hpp"
#include "etalon/reports/floor_summary.hpp"
#include "model_facts.hpp"

namespace etalon::cli {

namespace {

// Runs `task` on a thread of its own, so that the documents' drawing and
// their flushes to disk (an fsync each, waiting on the disk, not the CPU)
// overlap one another. Without a thread to spare it runs when its future is
// waited for.
template <typename Task>
auto InBackground(Task task) {
  try {
    return std::async(std::launch::async, std::move(task));
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, std::move(task));
  }
}

}  // namespace

reports::SampleCollector ReportSamples(const std::string& journal_path) {
  return reports::SampleCollector(reports::SampleLimits{}, journal_path);
}

void WriteRunDocuments(const std::string& folder, const nlohmann::ordered_json& summary, reports::Language language,
                       reports::SampleCollector samples) {
  const std::filesystem::path path(folder);
  // Recorded beside the summary, before the reports that show it, so a report
  // rebuilt later shows the facts known at run time.
  auto facts_written = InBackground([path = (path / "model_facts.json").string(), facts = ModelFacts(summary).dump(2) + "\n"] {
    core::WriteFileAtomically(path, facts);
  });
  // Each suite's classical floor joins the summary here, where the journal is
  // final, so summary.json carries it for tools (docs/frugality.md).
  reports::RunDocuments documents{folder, summary};
  reports::AddFloorsToSummary(documents);
  // The reports are drawn from what summary.json holds, not from the values
  // in memory: an unbounded metric's infinite maximum is null in the file,
  // and `etalon report`, which reads the file, must draw the same page.
  const auto summary_text = documents.summary.dump(2) + "\n";
  auto summary_staged = InBackground([path = (path / "summary.json").string(), &summary_text] {
    return core::StagedFile(path, summary_text);
  });
  documents.summary = nlohmann::ordered_json::parse(summary_text);
  documents.samples = std::make_shared<const reports::SampleSelection>(std::move(samples).Finish(documents));
  std::vector<std::future<void>> reports_written;
  for (const auto* format : {"html", "md"}) {
    reports_written.push_back(InBackground([&documents, &path, language, format] {
      const auto reporter = reports::MakeReporter(format);
      std::ostringstream document;
      reporter->Write(documents, language, document);
      core::WriteFileAtomically((path / reporter->FileName()).string(), std::move(document).str());
    }));
  }
  // An error leaving here leaves no task using this frame: std::async's
  // futures wait for their task when destroyed, and are destroyed before the
  // values they refer to.
  facts_written.get();
  for (auto& written : reports_written) {
    written.get();
  }
  auto summary_file = summary_staged.get();
  // Put in place last, once the others are on disk: its presence marks a
  // finished run, so a failure above (disk full) leaves the run resumable.
  summary_file.Commit();
}

}  // namespace etalon::cli
