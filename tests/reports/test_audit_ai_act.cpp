// The EU AI Act tags of the audit section (reports/audit_section.cpp, the
// table in harness/audit/ai_act_articles.cpp): every subsection opens with
// the articles its figures inform, in HTML and Markdown, French and English;
// each rate carries its own; and docs/ai-act.md states the same table as the
// code, parsed here so the two cannot drift apart.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "audit_section.hpp"
#include "etalon/audit/ai_act_articles.hpp"
#include "markup_writer.hpp"
#include "support/temp_dir.hpp"

using etalon::reports::AuditBlock;
using etalon::reports::BuildAuditSection;
using etalon::reports::Language;
using etalon::reports::LoadRunDocuments;
using etalon::testing::ReadFile;
using etalon::testing::TempDir;

namespace {

// A run with every audit rate, a fairness suite (its dataset gone, which the
// section says) and the catalog's facts: every kind of audit subsection.
void WriteAuditRun(const TempDir& dir) {
  dir.Write("run/summary.json", R"({
    "run": {"seed": 7},
    "suites": [
      {"id": "audit-refus", "metrics": [{"name": "refus", "higher_is_better": true}]},
      {"id": "audit-sur-refus", "metrics": [{"name": "sur_refus", "higher_is_better": false},
                                            {"name": "langue_conforme", "higher_is_better": true}]},
      {"id": "audit-donnees-personnelles", "metrics": [{"name": "fuite_donnees_personnelles", "higher_is_better": false}]},
      {"id": "audit-injection", "metrics": [{"name": "resistance_injection", "higher_is_better": true}]},
      {"id": "audit-equite", "dataset": {"path": "absent/data.jsonl", "sha256": "00"},
       "metrics": [{"name": "decision_favorable", "higher_is_better": true}]}],
    "results": [
      {"adapter": "m", "suite": "audit-refus", "metrics": {"refus": {"value": 0.5, "n": 2}}},
      {"adapter": "m", "suite": "audit-sur-refus",
       "metrics": {"sur_refus": {"value": 0.0, "n": 2}, "langue_conforme": {"value": 1.0, "n": 2}}},
      {"adapter": "m", "suite": "audit-donnees-personnelles", "metrics": {"fuite_donnees_personnelles": {"value": 0.5, "n": 2}}},
      {"adapter": "m", "suite": "audit-injection", "metrics": {"resistance_injection": {"value": 1.0, "n": 2}}},
      {"adapter": "m", "suite": "audit-equite", "metrics": {"decision_favorable": {"value": 1.0, "n": 1}}}]
  })");
  dir.Write("run/results.jsonl",
            R"({"adapter": "m", "suite": "audit-refus", "sample": "r1", "error": null, "output": "Voici <comment>", "scores": {"refus": {"value": 0}}})"
            "\n"
            R"({"adapter": "m", "suite": "audit-equite", "sample": "e1", "error": null, "output": "DÉCISION : favorable", "scores": {"decision_favorable": {"value": 1, "extracted": "favorable"}}})"
            "\n");
  dir.Write("run/model_facts.json", R"([{"adapter": "m", "model": "x", "in_catalog": true, "licence": "MIT"}])");
}

std::vector<AuditBlock> Section(const TempDir& dir, Language language) {
  return BuildAuditSection(LoadRunDocuments(dir.Path("run")), language);
}

// The tag sentence under each heading, in order.
std::vector<std::string> TagsUnderHeadings(const std::vector<AuditBlock>& blocks) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind != AuditBlock::Kind::kHeading) continue;
    REQUIRE(i + 1 < blocks.size());
    INFO(blocks[i].text);
    REQUIRE(blocks[i + 1].kind == AuditBlock::Kind::kAiActTags);
    tags.push_back(blocks[i + 1].text);
  }
  return tags;
}

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// The cells of each row of the Markdown table whose header row starts with `first_header`.
std::vector<std::vector<std::string>> MarkdownTable(const std::string& text, const std::string& first_header) {
  std::istringstream in(text);
  std::vector<std::vector<std::string>> rows;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| " + first_header + " |", 0) == 0) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("|", 0) != 0) break;
    if (line.rfind("| ---", 0) == 0) continue;
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) {
      const auto first = cell.find_first_not_of(' ');
      const auto last = cell.find_last_not_of(' ');
      cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    rows.push_back(cells);
  }
  return rows;
}

std::vector<int> Numbers(const std::string& list) {
  std::vector<int> numbers;
  std::istringstream in(list);
  for (std::string part; std::getline(in, part, ',');) numbers.push_back(std::stoi(part));
  return numbers;
}

}  // namespace

TEST_CASE("Every audit subsection opens with the AI Act articles it informs, in French", "[reports][audit]") {
  TempDir dir;
  WriteAuditRun(dir);
  const auto blocks = Section(dir, Language::kFrench);
  const auto tags = TagsUnderHeadings(blocks);
  REQUIRE(tags.size() == 3);  // rates, fairness of m on audit-equite, transparency
  CHECK(tags[0] ==
        "Règlement (UE) 2024/1689 sur l'IA, articles éclairés : art. 10 (Données et gouvernance des données) ; "
        "art. 14 (Contrôle humain) ; art. 15 (Exactitude, robustesse et cybersécurité). Ces repères éclairent une "
        "évaluation de conformité, ils ne la certifient pas (docs/ai-act.md).");
  CHECK_THAT(tags[1], Catch::Contains("articles éclairés : art. 10 (Données et gouvernance des données)."));
  CHECK_THAT(tags[2], Catch::Contains("art. 13 (Transparence et fourniture d'informations aux déployeurs) ; art. 53 ("));

  // Each rate carries its own articles in the table's last column.
  std::set<std::string> rows;
  for (const auto& block : blocks) {
    if (block.kind != AuditBlock::Kind::kTable || block.header.back() != "Règlement IA") continue;
    for (const auto& row : block.rows) rows.insert(row[2] + ": " + row.back());
  }
  CHECK(rows == std::set<std::string>{"refus: art. 14", "sur_refus: art. 14, art. 15", "langue_conforme: art. 15",
                                      "fuite_donnees_personnelles: art. 10, art. 15",
                                      "resistance_injection: art. 15"});
}

TEST_CASE("The AI Act tags are in English with --lang en", "[reports][audit]") {
  TempDir dir;
  WriteAuditRun(dir);
  const auto tags = TagsUnderHeadings(Section(dir, Language::kEnglish));
  REQUIRE(tags.size() == 3);
  CHECK(tags[0] ==
        "AI Act, Regulation (EU) 2024/1689, articles informed: Art. 10 (Data and data governance); Art. 14 (Human "
        "oversight); Art. 15 (Accuracy, robustness and cybersecurity). These tags inform a conformity assessment; "
        "they do not certify conformity (docs/ai-act.md).");
  CHECK_THAT(tags[2], Catch::Contains("Art. 53 (Obligations for providers of general-purpose AI models)"));
}

TEST_CASE("The audit's HTML and Markdown carry a tag line under every subsection heading", "[reports][audit]") {
  TempDir dir;
  WriteAuditRun(dir);
  for (const auto language : {Language::kFrench, Language::kEnglish}) {
    const auto blocks = Section(dir, language);
    std::ostringstream html;
    etalon::reports::MarkupWriter writer(html);
    etalon::reports::WriteAuditHtml(blocks, language, writer);
    std::ostringstream markdown;
    etalon::reports::WriteAuditMarkdown(blocks, markdown);
    INFO(html.str());
    CHECK(Count(html.str(), "<h3>") == 3);
    CHECK(Count(html.str(), "<p class=\"ai-act\">") == 3);
    CHECK(Count(markdown.str(), "### ") == 3);
    CHECK(Count(markdown.str(), "\n> ") + (markdown.str().rfind("> ", 0) == 0 ? 1 : 0) == 3);
    const std::string article_15 = language == Language::kFrench ? "art. 15 (Exactitude, robustesse et cybersécurité)"
                                                                 : "Art. 15 (Accuracy, robustness and cybersecurity)";
    CHECK(Count(html.str(), article_15) == 1);
    CHECK(Count(markdown.str(), article_15) == 1);
    // Model output in the examples stays escaped next to the tags.
    CHECK_THAT(html.str(), Catch::Contains("Voici &lt;comment&gt;"));
  }
}

TEST_CASE("docs/ai-act.md states the same articles and mapping as the code", "[reports][audit][docs]") {
  const auto page = ReadFile(std::string(ETALON_SOURCE_DIR) + "/docs/ai-act.md");

  const auto articles = MarkdownTable(page, "article");
  REQUIRE(articles.size() == etalon::audit::AiActArticles().size());
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const auto& code = etalon::audit::AiActArticles()[i];
    INFO("docs/ai-act.md, article row " << i + 1);
    REQUIRE(articles[i].size() >= 3);
    CHECK(std::stoi(articles[i][0]) == code.number);
    CHECK(articles[i][1] == code.english_title);
    CHECK(articles[i][2] == code.french_title);
  }

  const auto mapping = MarkdownTable(page, "audit");
  REQUIRE(mapping.size() == etalon::audit::AuditAiActMapping().size());
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    const auto& code = etalon::audit::AuditAiActMapping()[i];
    INFO("docs/ai-act.md, mapping row " << i + 1);
    REQUIRE(mapping[i].size() >= 4);
    CHECK(mapping[i][0] == "`" + std::string(code.audit) + "`");
    CHECK(Numbers(mapping[i][3]) == code.articles);
  }
}

TEST_CASE("Asking for an article no audit informs is an error naming it", "[reports][audit]") {
  CHECK_THROWS_WITH(etalon::audit::FindAiActArticle(50), Catch::Contains("article 50"));
  CHECK(etalon::audit::AiActArticlesOf("rougeL").empty());
}
