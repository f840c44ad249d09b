#include <cmath>
#include <string>

#include <fmt/format.h>

#include "etalon/reports/compare_report.hpp"
#include "markdown_reporter.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

// Figures of any metric scale (0..1 accuracy, 0..100 chrF) with 4 significant digits.
std::string Figure(double value, Language language) { return FormatSignificant(value, 4, language); }

std::string Signed(double value, Language language) { return (value > 0 ? "+" : "") + Figure(value, language); }

std::string PValue(double p, Language language) {
  return p < 1e-4 ? "< " + FormatNumber(1e-4, 4, language) : FormatNumber(p, 4, language);
}

std::string Name(const compare::Comparison& comparison, std::size_t offer) {
  return EscapeMarkdownCell(comparison.offers[offer].name);
}

std::string Direction(bool higher_is_better, Language language) {
  return higher_is_better ? Say(language, "plus haut = meilleur", "higher is better")
                          : Say(language, "plus bas = meilleur", "lower is better");
}

std::string AxisTitle(compare::ParetoAxis axis, Language language) {
  switch (axis) {
    case compare::ParetoAxis::kCostPerRequest: return Say(language, "coût par requête (€)", "cost per request (€)");
    case compare::ParetoAxis::kEnergyPerRequest: return Say(language, "énergie par requête (J)", "energy per request (J)");
    case compare::ParetoAxis::kLatencyP50:
      return Say(language, "latence p50 de bout en bout (ms)", "p50 end-to-end latency (ms)");
  }
  return "";  // unreachable: every axis is handled above
}

std::string Verdict(const compare::Comparison& comparison, const compare::MetricComparison& entry, Language language) {
  const auto better = compare::BetterOffer(entry, comparison.settings.detection.alpha);
  if (better) {
    return SayFormat(language, "**{}** meilleure", "**{}** better", Name(comparison, *better));
  }
  const auto& mdd = entry.result->detectable_difference;
  if (mdd && std::abs(entry.result->difference) < *mdd) {
    return Say(language, "non séparées (écart < DMD)", "not separated (gap < MDD)");
  }
  return Say(language, "non séparées", "not separated");
}

void WriteMethod(const compare::Comparison& comparison, Language language, std::ostream& out) {
  const auto& settings = comparison.settings;
  std::size_t tested = 0;
  for (const auto& entry : comparison.comparisons) {
    tested += entry.result ? 1 : 0;
  }
  out << SayFormat(language,
                   "Différence = première offre − seconde, sur les échantillons notés des deux (même identifiant, "
                   "même répétition). IC {} % : bootstrap BCa apparié, {} rééchantillonnages, graine {}. p : McNemar "
                   "exact pour des scores 0/1, test apparié des signes sinon, permutation de segments pour les "
                   "métriques de corpus ; p Holm : ajusté sur les {} comparaisons. DMD : plus petit écart que la "
                   "suite détecte avec une puissance de {} % (α = {} % bilatéral) ; un écart plus petit ne peut pas "
                   "départager deux offres sur cette suite.",
                   "Difference = first offer − second, on the samples scored for both (same id, same repeat). {} % "
                   "CI: paired BCa bootstrap, {} resamples, seed {}. p: exact McNemar for 0/1 scores, paired sign-flip "
                   "test otherwise, segment permutation for corpus metrics; Holm p: adjusted over the {} "
                   "comparisons. MDD: the smallest gap the suite detects with {} % power (α = {} % two-sided); a "
                   "smaller gap cannot separate two offers on this suite.",
                   FormatNumber(100 * settings.level, 0, language), settings.resamples, settings.seed, tested,
                   FormatNumber(100 * settings.detection.power, 0, language),
                   FormatNumber(100 * settings.detection.alpha, 0, language))
      << "\n\n";
}

void WriteComparisons(const compare::Comparison& comparison, Language language, std::ostream& out) {
  std::string heading;
  for (const auto& entry : comparison.comparisons) {
    const auto title = fmt::format("## {} `{}` — {} ({})\n\n", Say(language, "Suite", "Suite"),
                                   EscapeMarkdownCell(entry.suite), EscapeMarkdownCell(entry.metric),
                                   Direction(entry.higher_is_better, language));
    if (title != heading) {
      out << (heading.empty() ? "" : "\n") << title
          << SayFormat(language,
                       "| 1re | 2de | 1re / 2de | différence | IC | p | p Holm | DMD | n communs | seulement 1re / 2de "
                       "| test | verdict |\n",
                       "| first | second | first / second | difference | CI | p | Holm p | MDD | n common | only first "
                       "/ second | test | verdict |\n")
          << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
      heading = title;
    }
    const auto only = fmt::format("{} / {}", entry.first_only, entry.second_only);
    if (!entry.result) {
      out << fmt::format("| {} | {} | — | — | — | — | — | — | 0 | {} | — | {} |\n", Name(comparison, entry.first),
                         Name(comparison, entry.second), only,
                         entry.unavailable == "no common scored sample"
                             ? Say(language, "aucun échantillon commun", "no common sample")
                             : Say(language, "figure de corpus non finie", "corpus figure not finite"));
      continue;
    }
    const auto& result = *entry.result;
    out << fmt::format("| {} | {} | {} / {} | {} | [{}{}{}] | {} | {} | {} | {} | {} | {} | {} |\n",
                       Name(comparison, entry.first), Name(comparison, entry.second), Figure(result.first, language),
                       Figure(result.second, language), Signed(result.difference, language),
                       Figure(result.interval.low, language), Say(language, " ; ", ", "),
                       Figure(result.interval.high, language),
                       PValue(result.p_value, language), PValue(entry.holm_p_value.value_or(1), language),
                       result.detectable_difference ? Figure(*result.detectable_difference, language) : "—",
                       result.pairs, only, stats::PairedTestName(result.test), Verdict(comparison, entry, language));
  }
  out << "\n";
}

void WriteFronts(const compare::Comparison& comparison, Language language, std::ostream& out) {
  if (comparison.fronts.empty()) {
    return;
  }
  out << "## " << Say(language, "Fronts de Pareto", "Pareto fronts") << "\n\n";
  for (const auto& front : comparison.fronts) {
    out << fmt::format("### {} `{}` — {} {} {}\n\n", Say(language, "Suite", "Suite"), EscapeMarkdownCell(front.suite),
                       EscapeMarkdownCell(front.metric), Say(language, "contre", "against"),
                       AxisTitle(front.axis, language));
    out << fmt::format("| {} | {} | {} | {} |\n|---|---|---|---|\n", Say(language, "offre", "offer"),
                       EscapeMarkdownCell(front.metric), AxisTitle(front.axis, language),
                       Say(language, "sur le front", "on the front"));
    std::string on_front;
    for (const auto& point : front.points) {
      out << fmt::format("| {} | {} | {} | {} |\n", Name(comparison, point.offer), Figure(point.quality, language),
                         FormatSignificant(point.expense, 3, language), point.on_front ? "✅" : "");
      if (point.on_front) {
        on_front += (on_front.empty() ? "" : ", ") + Name(comparison, point.offer);
      }
    }
    out << "\n" << Say(language, "Front", "Front") << Say(language, " : ", ": ") << on_front << ".";
    if (!front.not_placed.empty()) {
      std::string missing;
      for (const auto offer : front.not_placed) {
        missing += (missing.empty() ? "" : ", ") + Name(comparison, offer);
      }
      out << " " << Say(language, "Non placées (figure absente) : ", "Not placed (figure missing): ") << missing << ".";
    }
    out << "\n\n";
  }
}

}  // namespace

void CompareMarkdownWriter::Write(const compare::Comparison& comparison, std::ostream& out) const {
  out << "# " << Say(language_, "Comparaison des offres", "Comparison of offers") << "\n\n";
  out << Say(language_, "Offres", "Offers") << Say(language_, " :\n\n", ":\n\n");
  for (const auto& offer : comparison.offers) {
    out << fmt::format("- **{}** — {} `{}`, {} `{}`\n", EscapeMarkdownCell(offer.name), Say(language_, "run", "run"),
                       EscapeMarkdownCell(comparison.sources[offer.run]), Say(language_, "adaptateur", "adapter"),
                       EscapeMarkdownCell(offer.adapter));
  }
  out << "\n";
  WriteMethod(comparison, language_, out);
  if (comparison.comparisons.empty()) {
    out << Say(language_, "Aucune suite n'a de métrique commune à deux offres.",
               "No suite has a metric shared by two offers.")
        << "\n\n";
  } else {
    WriteComparisons(comparison, language_, out);
  }
  WriteFronts(comparison, language_, out);
}

}  // namespace etalon::reports
