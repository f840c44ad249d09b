// The audit section of report.html and report.md (docs/audit.md): for each
// audit suite of the run, each figure with its method, its 95 % interval and
// examples of failures, and the counterfactual-fairness figures of the
// fairness suite. Computed from the run's files alone (summary.json,
// results.jsonl, the fairness dataset's variant fields when the file still
// has the sha256 the run recorded, and model_facts.json for the transparency
// facts), so a rebuilt report is byte-identical. Each subsection opens with
// the EU AI Act articles its figures inform (etalon/audit/ai_act_articles.hpp,
// docs/ai-act.md). The content is built once as blocks, then written as
// Markdown or HTML.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "etalon/reports/reporter.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

struct AuditBlock {
  enum class Kind { kHeading, kAiActTags, kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;                             // heading, tags or paragraph text; table caption
  std::vector<std::string> header;              // tables
  std::vector<std::vector<std::string>> rows;   // tables
};

// Empty when the run has no audit metric. Throws std::runtime_error naming
// file and line for a malformed journal.
std::vector<AuditBlock> BuildAuditSection(const RunDocuments& run, Language language);

// "art. 14, art. 15": the short form of a table cell.
std::string AiActArticleList(const std::vector<int>& articles, Language language);
// The sentence under a subsection's heading: the regulation, each article
// with its title, and that the tags inform without certifying.
std::string AiActTagsText(const std::vector<int>& articles, Language language);

void WriteAuditMarkdown(const std::vector<AuditBlock>& blocks, std::ostream& out);
// A <section id="audit"> with an <h2>, or nothing for no blocks.
void WriteAuditHtml(const std::vector<AuditBlock>& blocks, Language language, MarkupWriter& out);

}  // namespace etalon::reports
