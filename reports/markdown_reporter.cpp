#include "markdown_reporter.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "audit_section.hpp"
#include "floor_section.hpp"
#include "judgment_view.hpp"
#include "model_fingerprint_table.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

// "0,421 [0,390 ; 0,452]" for a mean with its interval; the corpus value alone otherwise.
std::string MetricCell(const Json& metric, Language language) {
  if (metric.is_null() || metric.at("value").is_null()) {
    return "—";
  }
  std::string cell = FormatNumber(metric.at("value").get<double>(), 3, language);
  if (metric.contains("ci95") && metric.at("ci95").is_object()) {
    const auto& interval = metric.at("ci95");
    cell += fmt::format(" [{} ; {}]", FormatNumber(interval.at("low").get<double>(), 3, language),
                        FormatNumber(interval.at("high").get<double>(), 3, language));
  }
  return cell;
}

std::string LatencyCell(const Json& latency, const char* percentile, Language language) {
  if (latency.is_null()) {
    return "—";
  }
  return FormatNumber(latency.at(percentile).get<double>(), 1, language);
}

void WriteSuiteTable(const Json& summary, const Json& suite, Language language, std::ostream& out) {
  const auto& suite_id = suite.at("id").get_ref<const std::string&>();
  out << fmt::format("### {} ({})\n\n", EscapeMarkdownCell(suite_id), EscapeMarkdownCell(suite.at("task").get<std::string>()));
  std::vector<std::string> metric_names;
  for (const auto& metric : suite.at("metrics")) {
    metric_names.push_back(metric.at("name").get<std::string>());
  }
  out << "| " << Say(language, "Adaptateur", "Adapter") << " | " << Say(language, "Réponses", "Answers") << " | "
      << Say(language, "Erreurs", "Errors");
  for (const auto& name : metric_names) {
    out << " | " << EscapeMarkdownCell(name);
  }
  out << " | " << Say(language, "Latence p50 (ms)", "Latency p50 (ms)") << " | "
      << Say(language, "Latence p95 (ms)", "Latency p95 (ms)") << " |\n";
  out << "|---|---:|---:";
  for (std::size_t i = 0; i < metric_names.size(); ++i) {
    out << "|---:";
  }
  out << "|---:|---:|\n";
  for (const auto& result : summary.at("results")) {
    if (result.at("suite") != suite_id) {
      continue;
    }
    out << fmt::format("| {} | {}/{} | {}", EscapeMarkdownCell(result.at("adapter").get<std::string>()),
                       result.at("recorded").get<std::size_t>(), result.at("expected").get<std::size_t>(),
                       result.at("failed").get<std::size_t>());
    for (const auto& name : metric_names) {
      const auto& metrics = result.at("metrics");
      out << " | " << MetricCell(metrics.contains(name) ? metrics.at(name) : Json(), language);
    }
    const auto& end_to_end = result.at("latency_ms").at("end_to_end");
    out << " | " << LatencyCell(end_to_end, "p50", language) << " | " << LatencyCell(end_to_end, "p95", language)
        << " |\n";
  }
  out << "\n";
}

// A table of text cells, every cell escaped; the first column left-aligned,
// the others right-aligned (figures).
void WriteTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                std::ostream& out) {
  for (const auto& cell : header) {
    out << "| " << EscapeMarkdownCell(cell) << " ";
  }
  out << "|\n|---";
  for (std::size_t i = 1; i < header.size(); ++i) {
    out << "|---:";
  }
  out << "|\n";
  for (const auto& row : rows) {
    for (const auto& cell : row) {
      out << "| " << EscapeMarkdownCell(cell) << " ";
    }
    out << "|\n";
  }
}

// The judged-by-a-model section, when the run folder has judgments.json.
void WriteJudgments(const std::string& run_folder, Language language, std::ostream& out) {
  const auto view = LoadJudgmentView(run_folder, language);
  if (!view) {
    return;
  }
  out << "\n## " << view->title << "\n\n" << EscapeMarkdownCell(view->judge_line) << "\n\n";
  for (const auto& block : view->blocks) {
    if (!block.heading.empty()) {
      out << "### " << EscapeMarkdownCell(block.heading) << "\n\n";
    }
    for (const auto& note : block.notes) {
      out << EscapeMarkdownCell(note) << "\n\n";
    }
    WriteTable(block.header, block.rows, out);
    out << "\n";
  }
  out << EscapeMarkdownCell(view->spend_line) << "\n";
}

// The provenance of the models behind HTTP adapters (docs/model-integrity.md).
void WriteModelFingerprints(const Json& summary, Language language, std::ostream& out) {
  const auto table = ModelFingerprintTable(summary, language);
  if (table.rows.empty()) {
    return;
  }
  out << "\n## " << EscapeMarkdownCell(table.caption) << "\n\n";
  WriteTable(table.headings, table.rows, out);
}

}  // namespace

std::string EscapeMarkdownCell(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '|': escaped += "\\|"; break;
      case '\\': escaped += "\\\\"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '&': escaped += "&amp;"; break;
      case '`': escaped += "\\`"; break;
      case '\n': case '\r': escaped += ' '; break;
      default: escaped += c;
    }
  }
  return escaped;
}

void MarkdownReporter::Write(const RunDocuments& run, Language language, std::ostream& out) const {
  const auto& summary = run.summary;
  try {
    const auto& info = summary.at("run");
    const auto& etalon = summary.at("etalon");
    out << fmt::format("# {} — {}\n\n", Say(language, "Rapport etalon", "etalon report"),
                       EscapeMarkdownCell(info.at("plan").get<std::string>()));
    out << fmt::format("- {} : {}\n", Say(language, "Statut", "Status"),
                       StatusText(info.at("status").get<std::string>(), language));
    out << fmt::format("- {} : {} → {}\n", Say(language, "Période", "Period"), info.at("started_at").get<std::string>(),
                       info.at("finished_at").get<std::string>());
    out << fmt::format("- etalon {} (git {}{})\n", etalon.at("version").get<std::string>(),
                       etalon.at("git_sha").get<std::string>(), etalon.at("git_dirty").get<bool>() ? ", dirty" : "");
    out << fmt::format("- {} : `{}`\n", Say(language, "Empreinte du plan", "Plan fingerprint"),
                       info.at("fingerprint").get<std::string>());
    out << fmt::format("- {} : {}\n\n", Say(language, "Graine", "Seed"), info.at("seed").get<std::int64_t>());

    const auto& totals = summary.at("totals");
    out << fmt::format("{} : {}/{}, {} : {} ({} %, {} {} %).\n\n", Say(language, "Réponses", "Answers"),
                       totals.at("recorded").get<std::size_t>(), totals.at("expected").get<std::size_t>(),
                       Say(language, "erreurs", "errors"), totals.at("failed").get<std::size_t>(),
                       FormatNumber(100 * totals.at("error_rate").get<double>(), 1, language),
                       Say(language, "tolérance", "tolerance"),
                       FormatNumber(100 * totals.at("max_error_rate").get<double>(), 1, language));

    WriteFloorMarkdown(ComputeFloorSection(run), language, out);
    out << "## " << Say(language, "Résultats par suite", "Results by suite") << "\n\n";
    out << Say(language,
               "Moyennes avec intervalle de confiance à 95 % (approximation normale) ; les métriques de corpus "
               "n'ont pas d'intervalle ici. Les requêtes en erreur ne sont pas notées : elles comptent dans la "
               "colonne Erreurs.\n\n",
               "Means with a 95% confidence interval (normal approximation); corpus metrics carry no interval "
               "here. Failed requests are not scored: they count in the Errors column.\n\n");
    for (const auto& suite : summary.at("suites")) {
      WriteSuiteTable(summary, suite, language, out);
    }
    if (const auto audit = BuildAuditSection(run, language); !audit.empty()) {
      out << "## " << Say(language, "Audit éthique", "Ethics audit") << "\n\n";
      WriteAuditMarkdown(audit, out);
    }

    if (!summary.at("skipped_adapters").empty()) {
      out << "## " << Say(language, "Adaptateurs non exécutés", "Adapters not run") << "\n\n";
      for (const auto& skipped : summary.at("skipped_adapters")) {
        out << fmt::format("- {} : {}\n", EscapeMarkdownCell(skipped.at("id").get<std::string>()),
                           EscapeMarkdownCell(skipped.at("reason").get<std::string>()));
      }
      out << "\n";
    }

    out << "## " << Say(language, "Jeux de données", "Datasets") << "\n\n";
    out << "| Suite | " << Say(language, "Échantillons", "Samples") << " | sha256 |\n|---|---:|---|\n";
    for (const auto& suite : summary.at("suites")) {
      const auto& dataset = suite.at("dataset");
      out << fmt::format("| {} | {}/{} | `{}` |\n", EscapeMarkdownCell(suite.at("id").get<std::string>()),
                         dataset.at("samples_in_run").get<std::size_t>(), dataset.at("samples").get<std::size_t>(),
                         dataset.at("sha256").get<std::string>());
    }
    WriteModelFingerprints(summary, language, out);
    out << "\n## " << Say(language, "Métriques", "Metrics") << "\n\n";
    std::vector<std::string> described;
    for (const auto& suite : summary.at("suites")) {
      for (const auto& metric : suite.at("metrics")) {
        const auto name = metric.at("name").get<std::string>();
        if (std::find(described.begin(), described.end(), name) != described.end()) {
          continue;
        }
        described.push_back(name);
        out << fmt::format("- `{}` : {}\n", EscapeMarkdownCell(name),
                           EscapeMarkdownCell(MetricDescription(name, metric.at("description").get<std::string>(), language)));
      }
    }
  } catch (const nlohmann::ordered_json::exception& error) {
    throw std::runtime_error(fmt::format("{}/summary.json: missing or malformed field: {}", run.run_folder, error.what()));
  }
  WriteJudgments(run.run_folder, language, out);
}

}  // namespace etalon::reports
