#include <fmt/format.h>

#include "etalon/reports/gate_report.hpp"
#include "markdown_reporter.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

std::string Figure(const gate::CheckResult& check, const std::optional<double>& value, Language language) {
  if (!value) {
    return "—";
  }
  return FormatNumber(*value, check.kind == gate::CheckKind::kP95Latency ? 1 : 4, language);
}

std::string FigureName(const gate::CheckResult& check, Language language) {
  if (language == Language::kEnglish) {
    return check.figure;
  }
  switch (check.kind) {
    case gate::CheckKind::kMetric: return check.metric;
    case gate::CheckKind::kMetricDrop: return "baisse de " + check.metric;
    case gate::CheckKind::kP95Latency: return "latence p95 (ms)";
    case gate::CheckKind::kCostPer1000: return "coût pour 1 000 requêtes";
    case gate::CheckKind::kErrorRate: return "taux d'erreur";
  }
  return check.figure;  // unreachable: every kind is handled above
}

// French sets a space before a colon, English does not.
const char* Colon(Language language) { return Say(language, " :", ":"); }

std::string Comparison(const gate::CheckResult& check) { return check.comparison == ">=" ? "≥" : "≤"; }

}  // namespace

void WriteGateMarkdown(const gate::GateOutcome& outcome, Language language, std::ostream& out) {
  const auto failed = outcome.failed();
  switch (outcome.verdict()) {
    case gate::Verdict::kPass:
      out << fmt::format("## etalon gate{} ✅ {}\n\n", Colon(language),
                         fmt::format(fmt::runtime(Say(language, "{0} sur {0} contrôles réussis", "{0} checks passed")),
                                     outcome.checks.size()));
      break;
    case gate::Verdict::kRegression:
      out << fmt::format("## etalon gate{} ❌ {}\n\n", Colon(language),
                         fmt::format(fmt::runtime(Say(language, "régression ({} sur {} contrôles en échec)",
                                                      "regression ({} of {} checks failed)")),
                                     failed, outcome.checks.size()));
      break;
    case gate::Verdict::kIncomplete:
      out << fmt::format("## etalon gate{} ⚠️ {}\n\n", Colon(language),
                         Say(language, "le run courant est incomplet : il n'est pas jugé",
                             "the current run is incomplete: it is not judged"));
      for (const auto& reason : outcome.incomplete) {
        out << "- " << EscapeMarkdownCell(reason) << "\n";
      }
      out << "\n";
      break;
  }
  out << fmt::format("{}{} `{}` · {}{} `{}`\n\n", Say(language, "Référence", "Baseline"), Colon(language),
                     EscapeMarkdownCell(outcome.baseline_source), Say(language, "Courant", "Current"), Colon(language),
                     EscapeMarkdownCell(outcome.current_source));
  if (failed > 0) {
    out << "### " << Say(language, "Contrôles en échec", "Failed checks") << "\n\n";
    for (const auto& check : outcome.checks) {
      if (check.passed) {
        continue;
      }
      out << fmt::format("- **{} / {}** — {}{} {}, {} {} {} ({}{} {})", EscapeMarkdownCell(check.suite),
                         EscapeMarkdownCell(check.adapter), EscapeMarkdownCell(FigureName(check, language)), Colon(language),
                         Figure(check, check.value, language), Say(language, "seuil", "threshold"), Comparison(check),
                         Figure(check, check.threshold, language), Say(language, "référence", "baseline"),
                         Colon(language), Figure(check, check.baseline, language));
      if (check.p_value) {
        out << fmt::format(", {} p = {} < {}", Say(language, "test apparié", "paired test"),
                           FormatNumber(*check.p_value, 4, language), FormatNumber(*check.significance, 4, language));
      }
      out << "\n";
    }
    out << "\n";
  }
  out << fmt::format("| | suite | {} | {} | {} | {} | {} | p |\n|---|---|---|---|---|---|---|---|\n",
                     Say(language, "adaptateur", "adapter"), Say(language, "mesure", "figure"),
                     Say(language, "valeur", "value"), Say(language, "seuil", "threshold"),
                     Say(language, "référence", "baseline"));
  for (const auto& check : outcome.checks) {
    out << fmt::format("| {} | {} | {} | {} | {} | {} {} | {} | {} |\n", check.passed ? "✅" : "❌",
                       EscapeMarkdownCell(check.suite), EscapeMarkdownCell(check.adapter),
                       EscapeMarkdownCell(FigureName(check, language)), Figure(check, check.value, language), Comparison(check),
                       Figure(check, check.threshold, language), Figure(check, check.baseline, language),
                       check.p_value ? FormatNumber(*check.p_value, 4, language) : "—");
  }
}

}  // namespace etalon::reports
