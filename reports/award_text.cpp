#include "award_text.hpp"

#include <cmath>

#include "report_text.hpp"

namespace etalon::reports {

namespace {

std::string JoinSuites(const std::vector<std::string>& suites) {
  std::string joined;
  for (const auto& suite : suites) {
    joined += joined.empty() ? suite : " + " + suite;
  }
  return joined;
}

std::string MeasureName(award::MeasureKind kind, Language language) {
  switch (kind) {
    case award::MeasureKind::kMetric: return Say(language, "score", "score");
    case award::MeasureKind::kYearlyPrice: return Say(language, "prix annuel", "yearly price");
    case award::MeasureKind::kEnergyPerRequest: return Say(language, "énergie par requête", "energy per request");
    case award::MeasureKind::kCarbonPerRequest: return Say(language, "carbone par requête", "carbon per request");
    case award::MeasureKind::kCarbonPerYear: return Say(language, "carbone annuel", "yearly carbon");
    case award::MeasureKind::kP90Latency: return Say(language, "latence p90", "p90 latency");
    case award::MeasureKind::kErrorRate: return Say(language, "taux d'erreur", "error rate");
  }
  return "";  // unreachable: every kind is handled above
}

std::string Quoted(const std::string& text, Language language) {
  return language == Language::kFrench ? "« " + text + " »" : "\"" + text + "\"";
}

}  // namespace

std::string PointsText(double points, Language language) { return FormatNumber(points, 2, language); }

std::string ConcentrationText(double concentration, Language language) {
  return FormatNumber(concentration, concentration == std::floor(concentration) ? 0 : 2, language);
}

std::string PercentText(double share, Language language) {
  return FormatNumber(100 * share, 1, language) + Say(language, " %", "%");
}

std::string FigureText(award::MeasureKind kind, double value, Language language) {
  switch (kind) {
    case award::MeasureKind::kMetric: return FormatNumber(value, 4, language);
    case award::MeasureKind::kYearlyPrice:  // cents matter only for small amounts (a baseline's server time)
      return FormatNumber(value, value < 100 ? 2 : 0, language) + Say(language, " €/an", " EUR/year");
    case award::MeasureKind::kEnergyPerRequest: return FormatSignificant(value, 3, language) + " Wh";
    case award::MeasureKind::kCarbonPerRequest: return FormatSignificant(value * 1000, 3, language) + " gCO2eq";
    case award::MeasureKind::kCarbonPerYear: return FormatSignificant(value, 3, language) + Say(language, " kgCO2eq/an", " kgCO2eq/year");
    case award::MeasureKind::kP90Latency: return FormatNumber(value, 0, language) + " ms";
    case award::MeasureKind::kErrorRate: return PercentText(value, language);
  }
  return "";  // unreachable: every kind is handled above
}

std::string MeasureText(const award::Measure& measure, Language language) {
  const auto name = measure.kind == award::MeasureKind::kMetric ? measure.metric : MeasureName(measure.kind, language);
  return name + " (" + JoinSuites(measure.suites) + ")";
}

std::string FormulaText(const award::AwardLeaf& leaf, Language language) {
  switch (leaf.formula) {
    case award::Formula::kLowestOverCandidate:
      return Say(language, "moins-disant / offre × points", "lowest / offer × points");
    case award::Formula::kRelativeToBest:
      return leaf.higher_is_better ? Say(language, "offre / meilleure × points", "offer / best × points")
                                   : Say(language, "meilleure / offre × points", "best / offer × points");
    case award::Formula::kLinear: {
      const auto zero_at = leaf.higher_is_better ? leaf.floor : leaf.ceiling;
      const auto full_at = leaf.higher_is_better ? leaf.ceiling : leaf.floor;
      return SayFormat(language, "linéaire : 0 point à {}, tous les points à {}", "linear: 0 points at {}, full points at {}",
                       FigureText(leaf.measure.kind, zero_at, language), FigureText(leaf.measure.kind, full_at, language));
    }
  }
  return "";  // unreachable: every formula is handled above
}

std::string FactBasisText(award::FactBasis basis, Language language) {
  switch (basis) {
    case award::FactBasis::kDeclared: return Say(language, "déclaré par l'offre", "declared by the offer");
    case award::FactBasis::kCatalog: return Say(language, "catalogue des modèles", "model catalog");
    case award::FactBasis::kBuyerHosted: return Say(language, "hébergé par l'acheteur", "hosted by the buyer");
    case award::FactBasis::kUnknown: return Say(language, "inconnu", "unknown");
  }
  return "";  // unreachable: every basis is handled above
}

std::string EliminationText(const award::Elimination& elimination, Language language) {
  using award::EliminationKind;
  const auto value = [&](award::MeasureKind kind) {
    return elimination.value ? FigureText(kind, *elimination.value, language) : std::string("—");
  };
  const auto limit = [&](award::MeasureKind kind) {
    return elimination.limit ? FigureText(kind, *elimination.limit, language) : std::string("—");
  };
  switch (elimination.kind) {
    case EliminationKind::kHostingOutsideEu:
      return Say(language, "hébergement hors de l'Union européenne", "hosted outside the European Union");
    case EliminationKind::kHostingUnknown:
      return Say(language, "hébergement dans l'Union européenne non établi (ni déclaré, ni au catalogue)",
                 "hosting in the European Union not established (neither declared nor in the catalog)");
    case EliminationKind::kLicenceNotAllowed:
      return SayFormat(language, "licence {} non admise", "licence {} not allowed", Quoted(elimination.subject, language));
    case EliminationKind::kLicenceUnknown:
      return Say(language, "licence inconnue (ni déclarée, ni au catalogue)", "licence unknown (neither declared nor in the catalog)");
    case EliminationKind::kScoreBelowMinimum:
      return SayFormat(language, "{} sur {} : {} sous le minimum de {}", "{} on {}: {} below the minimum of {}",
                       elimination.subject, elimination.suite, value(award::MeasureKind::kMetric),
                       limit(award::MeasureKind::kMetric));
    case EliminationKind::kScoreAboveMaximum:
      return SayFormat(language, "{} sur {} : {} au-dessus du maximum de {}", "{} on {}: {} above the maximum of {}",
                       elimination.subject, elimination.suite, value(award::MeasureKind::kMetric),
                       limit(award::MeasureKind::kMetric));
    case EliminationKind::kErrorRateAboveMaximum:
      return SayFormat(language, "taux d'erreur sur {} : {} au-dessus du maximum de {}",
                       "error rate on {}: {} above the maximum of {}", elimination.suite,
                       value(award::MeasureKind::kErrorRate), limit(award::MeasureKind::kErrorRate));
    case EliminationKind::kSuiteNotRun:
      return SayFormat(language, "pas évaluée sur la suite {} dans les runs fournis", "not evaluated on suite {} in the runs given",
                       elimination.suite);
    case EliminationKind::kFigureMissing:
      if (elimination.measure == award::MeasureKind::kYearlyPrice) {
        return SayFormat(language,
                         "aucun prix annuel sur {} : ni prix au catalogue ou server_eur_per_hour avec yearly_requests "
                         "dans le plan, ni yearly_price_eur déclaré (offre irrégulière)",
                         "no yearly price on {}: neither a catalog price or server_eur_per_hour with yearly_requests "
                         "in the plan, nor a declared yearly_price_eur (irregular offer)",
                         elimination.suite);
      }
      return SayFormat(language, "aucune valeur de {} sur {} ({})", "no figure for {} on {} ({})",
                       elimination.measure ? MeasureName(*elimination.measure, language) : std::string(),
                       elimination.suite, elimination.subject);
  }
  return "";  // unreachable: every kind is handled above
}

std::string FlipText(const award::AwardTable& table, const award::WinnerFlip& flip, Language language) {
  const auto leaf_name = [&](std::size_t leaf) {
    std::string joined;
    for (const auto& label : table.nodes[table.leaves[leaf].node].path) {
      joined += joined.empty() ? label : " › " + label;
    }
    return Quoted(joined, language);
  };
  std::string sources;
  for (std::size_t i = 0; i < flip.from.size(); ++i) {
    const auto part = SayFormat(language, "{} points de {}", "{} points from {}",
                                FormatNumber(flip.from[i].points, 2, language), leaf_name(flip.from[i].from_leaf));
    sources += i == 0 ? part : (i + 1 == flip.from.size() ? Say(language, " et ", " and ") : ", ") + part;
  }
  return SayFormat(language, "Le plus petit changement de pondération qui place {} en tête : transférer plus de {} vers {}.",
                   "The smallest weight change that puts {} first: moving more than {} to {}.",
                   table.offers[flip.offer].offer.name, sources, leaf_name(flip.to_leaf));
}

}  // namespace etalon::reports
