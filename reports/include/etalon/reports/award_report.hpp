// What `etalon award` writes (docs/award.md): the award table (each offer's
// points per criterion, total and rank; eliminated offers with their
// reasons), how each criterion is scored, and the sensitivity of the
// winner to the weights. Markdown and HTML for people (French by default),
// JSON for machines (language-independent, decimal points).
#pragma once

#include <ostream>

#include "etalon/award/award_evaluation.hpp"
#include "etalon/award/award_sensitivity.hpp"
#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

void WriteAwardMarkdown(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                        std::ostream& out);
// A self-contained page (inline style, no script), every value escaped.
void WriteAwardHtml(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                    std::ostream& out);
void WriteAwardJson(const award::AwardTable& table, const award::Sensitivity& sensitivity, std::ostream& out);

}  // namespace etalon::reports
