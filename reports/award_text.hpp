// The words of the award table, in French (the default) or English: why an
// offer was eliminated, what a criterion measures and how it is scored, a
// figure in its unit, and the smallest weight change in a sentence. Shared
// by the award's Markdown and HTML writers.
#pragma once

#include <string>

#include "etalon/award/award_evaluation.hpp"
#include "etalon/award/award_sensitivity.hpp"
#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

std::string EliminationText(const award::Elimination& elimination, Language language);
// "token_f1 (qa-demarches)", "prix annuel (qa-demarches + resume)".
std::string MeasureText(const award::Measure& measure, Language language);
// "relatif au meilleur", "linéaire de 0,2 (0 pt) à 0,5 (max.)".
std::string FormulaText(const award::AwardLeaf& leaf, Language language);
// A leaf's figure in its unit ("12 400 €/an", "0,4120", "850 ms").
std::string FigureText(award::MeasureKind kind, double value, Language language);
// Where a fact comes from: declared, catalog, buyer-hosted, unknown.
std::string FactBasisText(award::FactBasis basis, Language language);
// "The smallest weight change that puts B first: moving more than 7.50 points from "Prix" to "Valeur technique › Résumés"."
std::string FlipText(const award::AwardTable& table, const award::WinnerFlip& flip, Language language);
// A points figure: two decimals.
std::string PointsText(double points, Language language);
// The Dirichlet concentration: no decimals when it is a whole number.
std::string ConcentrationText(double concentration, Language language);
// A share as a percentage with one decimal ("87,3 %").
std::string PercentText(double share, Language language);

}  // namespace etalon::reports
