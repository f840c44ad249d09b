#include <fmt/format.h>

#include "award_text.hpp"
#include "etalon/reports/award_report.hpp"
#include "markdown_reporter.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

const char* Colon(Language language) { return Say(language, " :", ":"); }

std::string Cell(const std::string& text) { return EscapeMarkdownCell(text); }

void WriteRanking(const award::AwardTable& table, Language language, std::ostream& out) {
  std::vector<const award::OfferResult*> competing;
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      competing.push_back(&offer);
    }
  }
  out << "## " << Say(language, "Classement", "Ranking") << "\n\n";
  if (competing.empty()) {
    out << Say(language, "Aucune offre ne satisfait les exigences éliminatoires.", "No offer meets the eliminatory requirements.")
        << "\n\n";
    return;
  }
  out << "| " << Say(language, "Critère", "Criterion") << " | " << Say(language, "Points", "Points") << " |";
  for (const auto* offer : competing) {
    out << " " << Cell(offer->offer.name) << " |";
  }
  out << "\n|---|---:|" << [&] {
    std::string columns;
    for (std::size_t i = 0; i < competing.size(); ++i) {
      columns += "---:|";
    }
    return columns;
  }() << "\n";
  for (std::size_t n = 0; n < table.nodes.size(); ++n) {
    const auto& node = table.nodes[n];
    const auto label = node.depth == 0 ? "**" + Cell(node.label) + "**"
                                       : std::string(node.depth, '-') + " " + Cell(node.label);
    out << "| " << label << " | " << PointsText(node.weight, language) << " |";
    for (const auto* offer : competing) {
      out << " " << PointsText(offer->points[n], language);
      if (node.leaf) {
        const auto& value = offer->values[*node.leaf];
        const auto kind = table.leaves[*node.leaf].measure.kind;
        out << " (" << (value ? FigureText(kind, *value, language) : "—") << ")";
      }
      out << " |";
    }
    out << "\n";
  }
  out << "| **Total** | " << PointsText(table.total_points, language) << " |";
  for (const auto* offer : competing) {
    out << " **" << PointsText(offer->total, language) << "** |";
  }
  out << "\n| **" << Say(language, "Rang", "Rank") << "** | |";
  for (const auto* offer : competing) {
    out << " " << offer->rank << (offer->tied ? Say(language, " (ex æquo)", " (tied)") : "") << " |";
  }
  out << "\n\n";
  if (const auto winner = table.winner()) {
    out << SayFormat(language, "Offre classée première{} **{}**.", "Offer ranked first{} **{}**.", Colon(language),
                     Cell(table.offers[*winner].offer.name))
        << "\n\n";
  } else {
    out << Say(language, "Plusieurs offres sont à égalité en tête : le règlement de consultation doit les départager.",
               "Several offers share the first place: the tender rules must settle the tie.")
        << "\n\n";
  }
}

void WriteEliminated(const award::AwardTable& table, Language language, std::ostream& out) {
  if (table.competing() == table.offers.size()) {
    return;
  }
  out << "## " << Say(language, "Offres éliminées", "Eliminated offers") << "\n\n";
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      continue;
    }
    out << "- **" << Cell(offer.offer.name) << "**" << Colon(language) << " ";
    for (std::size_t i = 0; i < offer.eliminations.size(); ++i) {
      out << (i == 0 ? "" : " ; ") << Cell(EliminationText(offer.eliminations[i], language));
    }
    out << "\n";
  }
  out << "\n";
}

void WriteMethod(const award::AwardTable& table, Language language, std::ostream& out) {
  out << "## " << Say(language, "Méthode de notation", "Scoring method") << "\n\n";
  out << fmt::format("| {} | {} | {} | {} | {} |\n|---|---:|---|---|---|\n", Say(language, "Critère", "Criterion"),
                     Say(language, "Points", "Points"), Say(language, "Mesure", "Measure"),
                     Say(language, "Formule", "Formula"), Say(language, "Meilleure offre", "Best offer"));
  for (const auto& leaf : table.leaves) {
    const auto& node = table.nodes[leaf.node];
    std::string path;
    for (const auto& label : node.path) {
      path += path.empty() ? label : " › " + label;
    }
    out << fmt::format("| {} | {} | {} | {} | {} |\n", Cell(path), PointsText(node.weight, language),
                       Cell(MeasureText(leaf.measure, language)), Cell(FormulaText(leaf, language)),
                       leaf.best ? FigureText(leaf.measure.kind, *leaf.best, language) : "—");
  }
  out << "\n";
  out << "| " << Say(language, "Offre", "Offer") << " | " << Say(language, "Adaptateur", "Adapter") << " | "
      << Say(language, "Modèle", "Model") << " | " << Say(language, "Hébergement UE", "EU hosting") << " | "
      << Say(language, "Licence", "Licence") << " |\n|---|---|---|---|---|\n";
  for (const auto& result : table.offers) {
    const auto& offer = result.offer;
    const auto hosting = offer.eu_hosting ? (*offer.eu_hosting ? Say(language, "oui", "yes") : Say(language, "non", "no"))
                                          : Say(language, "inconnu", "unknown");
    out << fmt::format("| {} | {} | {} | {} ({}) | {} ({}) |\n", Cell(offer.name), Cell(offer.adapter),
                       Cell(offer.model.empty() ? offer.kind : offer.model), hosting,
                       FactBasisText(offer.hosting_basis, language), Cell(offer.licence.value_or("—")),
                       FactBasisText(offer.licence_basis, language));
  }
  out << "\n";
}

void WriteSensitivity(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                      std::ostream& out) {
  if (table.competing() == 0) {
    return;
  }
  out << "## " << Say(language, "Sensibilité aux pondérations", "Sensitivity to the weights") << "\n\n";
  const auto& settings = sensitivity.settings;
  out << SayFormat(language,
                   "{} tirages de pondérations selon une loi de Dirichlet centrée sur les pondérations annoncées "
                   "(concentration {}, graine {}).",
                   "{} draws of weights from a Dirichlet distribution centred on the stated weights "
                   "(concentration {}, seed {}).",
                   settings.samples, ConcentrationText(settings.concentration, language), settings.seed);
  if (sensitivity.winner_stays_first) {
    out << " " << SayFormat(language, "**{}** reste première dans {} des tirages.", "**{}** stays first in {} of the draws.",
                            Cell(table.offers.front().offer.name), PercentText(*sensitivity.winner_stays_first, language));
  }
  out << "\n\n| " << Say(language, "Offre", "Offer") << " | " << Say(language, "Part des tirages gagnés", "Share of draws won")
      << " |\n|---|---:|\n";
  for (std::size_t i = 0; i < table.offers.size(); ++i) {
    if (!table.offers[i].eliminated()) {
      out << "| " << Cell(table.offers[i].offer.name) << " | " << PercentText(sensitivity.win_share[i], language) << " |\n";
    }
  }
  out << "\n";
  if (sensitivity.smallest_flip) {
    out << Cell(FlipText(table, *sensitivity.smallest_flip, language)) << "\n";
  } else if (sensitivity.winner_stays_first) {
    out << Say(language, "Aucun changement de pondération ne peut placer une autre offre en tête.",
               "No change of the weights can put another offer first.")
        << "\n";
  }
}

}  // namespace

void WriteAwardMarkdown(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                        std::ostream& out) {
  out << "# " << Say(language, "Analyse des offres", "Award of the contract");
  if (!table.title.empty()) {
    out << " — " << Cell(table.title);
  }
  out << "\n\n" << Say(language, "Critères", "Criteria") << Colon(language) << " `" << Cell(table.criteria_path) << "` · "
      << Say(language, "Runs", "Runs") << Colon(language);
  for (std::size_t i = 0; i < table.runs.size(); ++i) {
    out << (i == 0 ? " `" : ", `") << Cell(table.runs[i]) << "`";
  }
  out << "\n\n";
  WriteRanking(table, language, out);
  WriteEliminated(table, language, out);
  WriteMethod(table, language, out);
  WriteSensitivity(table, sensitivity, language, out);
}

}  // namespace etalon::reports
