// The articles of the EU AI Act (Regulation (EU) 2024/1689) that each audit
// figure informs, in one table: the reports' audit section tags its
// subsections from it, and docs/ai-act.md states it (a test keeps the two
// equal). A tag says which obligation a figure is evidence for; it informs a
// conformity assessment and certifies nothing.
#pragma once

#include <string>
#include <vector>

namespace etalon::audit {

struct AiActArticle {
  int number = 0;
  const char* french_title = "";   // as in the French Official Journal
  const char* english_title = "";  // as in the English Official Journal
};

// One audit figure and the articles it informs, in ascending order.
struct AuditAiActTags {
  const char* audit = "";  // an audit metric's name, or kFairnessAudit, kTransparencyAudit
  std::vector<int> articles;
};

// The counterfactual-fairness figures of a fairness suite, and the model
// catalog's transparency facts: audit subsections that are not one metric.
inline constexpr const char* kFairnessAudit = "equite_contrefactuelle";
inline constexpr const char* kTransparencyAudit = "transparence";

// Every article some audit informs, in ascending order.
const std::vector<AiActArticle>& AiActArticles();
// Every audit, in the order of docs/ai-act.md.
const std::vector<AuditAiActTags>& AuditAiActMapping();
// The articles `audit` informs; empty for a name that is not an audit.
std::vector<int> AiActArticlesOf(const std::string& audit);
// The article numbered `number`; throws std::out_of_range when no audit informs it.
const AiActArticle& FindAiActArticle(int number);

}  // namespace etalon::audit
