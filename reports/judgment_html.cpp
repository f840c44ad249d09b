#include "judgment_html.hpp"

#include "judgment_view.hpp"

namespace etalon::reports {

void WriteJudgmentSection(MarkupWriter& out, const std::string& run_folder, Language language) {
  const auto view = LoadJudgmentView(run_folder, language);
  if (!view) {
    return;
  }
  out.Open("section", {{"id", "judgments"}, {"aria-labelledby", "judgments-heading"}});
  out.Element("h2", {{"id", "judgments-heading"}}, view->title);
  out.Element("p", {}, view->judge_line);
  for (const auto& block : view->blocks) {
    if (!block.heading.empty()) {
      out.Element("h3", {}, block.heading);
    }
    for (const auto& note : block.notes) {
      out.Element("p", {{"class", "note"}}, note);
    }
    out.Open("table").Open("thead").Open("tr");
    for (const auto& cell : block.header) {
      out.Element("th", {{"scope", "col"}}, cell);
    }
    out.Close("tr").Close("thead").Open("tbody");
    for (const auto& row : block.rows) {
      out.Open("tr");
      for (const auto& cell : row) {
        out.Element("td", {}, cell);
      }
      out.Close("tr");
    }
    out.Close("tbody").Close("table");
  }
  out.Element("p", {}, view->spend_line).Close("section");
}

}  // namespace etalon::reports
