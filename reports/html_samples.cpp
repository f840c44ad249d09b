#include "html_samples.hpp"

#include <set>

#include <fmt/format.h>

#include "report_text.hpp"

namespace etalon::reports {

namespace {

void WriteSelect(MarkupWriter& out, const char* name, const std::string& label, const std::set<std::string>& values,
                 Language language) {
  out.Open("div");
  out.Element("label", {{"for", std::string("filter-") + name}}, label);
  out.Open("select", {{"id", std::string("filter-") + name}, {"name", name}});
  out.Element("option", {{"value", ""}}, Say(language, "toutes et tous", "all"));
  for (const auto& value : values) {
    out.Element("option", {{"value", value}}, value);
  }
  out.Close("select").Close("div");
}

void WriteFilters(MarkupWriter& out, const SampleSelection& selection, Language language) {
  std::set<std::string> suites, adapters;
  for (const auto& row : selection.rows) {
    suites.insert(row.suite);
    adapters.insert(row.adapter);
  }
  out.Open("form", {{"id", "sample-filters"}, {"class", "filters"}, {"hidden", ""},
                    {"aria-label", Say(language, "Filtrer les échantillons", "Filter the samples")}});
  WriteSelect(out, "suite", "Suite", suites, language);
  WriteSelect(out, "adapter", Say(language, "Adaptateur", "Adapter"), adapters, language);
  out.Open("div");
  out.Empty("input", {{"type", "checkbox"}, {"id", "filter-failures"}, {"name", "failures"}});
  out.Element("label", {{"for", "filter-failures"}, {"style", "display:inline"}},
              Say(language, " échecs seulement", " failures only"));
  out.Close("div").Open("div");
  out.Element("label", {{"for", "filter-text"}}, Say(language, "Texte", "Text"));
  out.Empty("input", {{"type", "search"}, {"id", "filter-text"}, {"name", "text"}});
  out.Close("div");
  out.Open("p", {{"role", "status"}});
  out.Text(Say(language, "Lignes affichées : ", "Rows shown: "));
  out.Element("span", {{"id", "sample-count"}}, std::to_string(selection.rows.size()));
  out.Close("p").Close("form");
}

std::string ScoresText(const nlohmann::json& scores, Language language) {
  std::string text;
  for (const auto& [name, value] : scores.items()) {
    text += fmt::format("{}{} = {}", text.empty() ? "" : "\n", name,
                        value.is_number() ? FormatNumber(value.get<double>(), 3, language) : "—");
  }
  return text;
}

}  // namespace

void WriteSamplesSection(MarkupWriter& out, const SampleSelection& selection, const SampleLimits& limits,
                         Language language) {
  out.Open("section", {{"id", "samples"}, {"aria-labelledby", "samples-heading"}});
  out.Element("h2", {{"id", "samples-heading"}}, Say(language, "Échantillons", "Samples"));
  std::size_t total = 0;
  for (const auto& [key, counts] : selection.cells) {
    total += counts.results;
  }
  out.Element("p", {{"class", "note"}},
              selection.TruncatedAny()
                  ? SayFormat(language, "{} résultats sur {} sont montrés : les {} premiers de chaque couple adaptateur × "
                                    "suite et jusqu'à {} échecs de plus par couple. Tous figurent dans results.jsonl et "
                                    "results.csv. Les textes de plus de {} octets sont coupés (…).", "{} of {} results are shown: the first {} of each adapter × suite pair and up to "
                                    "{} more failures per pair. All are in results.jsonl and results.csv. Texts over "
                                    "{} bytes are cut (…).",
                                selection.rows.size(), total, limits.first_per_cell, limits.failures_per_cell,
                                limits.max_text_bytes)
                  : SayFormat(language, "Les {} résultats sont montrés. Les textes de plus de {} octets sont coupés (…).", "All {} results are shown. Texts over {} bytes are cut (…).",
                                total, limits.max_text_bytes));
  if (!selection.suites_without_dataset.empty()) {
    std::string suites;
    for (const auto& suite : selection.suites_without_dataset) {
      suites += (suites.empty() ? "" : ", ") + suite;
    }
    out.Element("p", {{"class", "note"}},
                SayFormat(language, "Jeu de données absent ou modifié depuis l'exécution (sha256 différent) pour : {}. "
                                "Entrées et références n'y sont pas montrées.", "Dataset missing or changed since the run (different sha256) for: {}. Inputs and "
                                "references are not shown there.",
                            suites));
  }
  WriteFilters(out, selection, language);
  out.Open("table", {{"id", "sample-table"}, {"class", "samples"}});
  out.Element("caption", {}, Say(language, "Réponses échantillon par échantillon (texte non fiable, affiché tel quel)",
                                 "Answers sample by sample (untrusted text, shown as is)"));
  out.Open("thead").Open("tr");
  for (const char* heading : {Say(language, "Suite", "Suite"), Say(language, "Adaptateur", "Adapter"),
                              Say(language, "Échantillon", "Sample"), Say(language, "Entrée", "Input"),
                              Say(language, "Sortie", "Output"), Say(language, "Référence", "Reference"),
                              Say(language, "Scores", "Scores"), Say(language, "Erreur", "Error")}) {
    out.Element("th", {{"scope", "col"}}, heading);
  }
  out.Close("tr").Close("thead").Open("tbody");
  for (const auto& row : selection.rows) {
    out.Open("tr", {{"data-suite", row.suite}, {"data-adapter", row.adapter}, {"data-ok", row.ok ? "true" : "false"}});
    out.Element("td", {}, row.suite).Element("td", {}, row.adapter);
    out.Element("th", {{"scope", "row"}}, row.repeat > 0 ? fmt::format("{} #{}", row.sample, row.repeat) : row.sample);
    out.Element("td", {}, row.input).Element("td", {}, row.output).Element("td", {}, row.reference);
    out.Element("td", {{"class", "scores"}}, ScoresText(row.scores, language));
    out.Element("td", {{"class", row.ok ? "" : "failed"}}, row.error);
    out.Close("tr");
  }
  out.Close("tbody").Close("table");
  out.Close("section");
}

}  // namespace etalon::reports
