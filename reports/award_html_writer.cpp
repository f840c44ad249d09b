#include <fmt/format.h>

#include "award_text.hpp"
#include "etalon/reports/award_report.hpp"
#include "html_assets.hpp"
#include "markup_writer.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

// The award page runs no script at all.
constexpr const char* kAwardContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

std::string PathText(const award::AwardNode& node) {
  std::string joined;
  for (const auto& label : node.path) {
    joined += joined.empty() ? label : " › " + label;
  }
  return joined;
}

void WriteRanking(const award::AwardTable& table, Language language, MarkupWriter& out) {
  out.Element("h2", {}, Say(language, "Classement", "Ranking"));
  if (table.competing() == 0) {
    out.Element("p", {}, Say(language, "Aucune offre ne satisfait les exigences éliminatoires.",
                             "No offer meets the eliminatory requirements."));
    return;
  }
  out.Open("table").Element("caption", {}, Say(language, "Points par critère", "Points per criterion"));
  out.Open("thead").Open("tr").Element("th", {{"scope", "col"}}, Say(language, "Critère", "Criterion"));
  out.Element("th", {{"scope", "col"}}, Say(language, "Points", "Points"));
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      out.Element("th", {{"scope", "col"}}, offer.offer.name);
    }
  }
  out.Close("tr").Close("thead").Open("tbody");
  for (std::size_t n = 0; n < table.nodes.size(); ++n) {
    const auto& node = table.nodes[n];
    out.Open("tr").Element("th", {{"scope", "row"}, {"style", fmt::format("padding-left:{}em", 0.5 + node.depth * 1.5)}},
                           node.label);
    out.Element("td", {}, PointsText(node.weight, language));
    for (const auto& offer : table.offers) {
      if (offer.eliminated()) {
        continue;
      }
      auto cell = PointsText(offer.points[n], language);
      if (node.leaf) {
        const auto& value = offer.values[*node.leaf];
        cell += " (" + (value ? FigureText(table.leaves[*node.leaf].measure.kind, *value, language) : "—") + ")";
      }
      out.Element("td", {}, cell);
    }
    out.Close("tr");
  }
  out.Open("tr").Element("th", {{"scope", "row"}}, "Total").Element("td", {}, PointsText(table.total_points, language));
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      out.Open("td").Element("strong", {}, PointsText(offer.total, language)).Close("td");
    }
  }
  out.Close("tr").Open("tr").Element("th", {{"scope", "row"}}, Say(language, "Rang", "Rank")).Element("td", {}, "");
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      out.Element("td", {}, fmt::format("{}{}", offer.rank, offer.tied ? Say(language, " (ex æquo)", " (tied)") : ""));
    }
  }
  out.Close("tr").Close("tbody").Close("table");
}

void WriteEliminated(const award::AwardTable& table, Language language, MarkupWriter& out) {
  if (table.competing() == table.offers.size()) {
    return;
  }
  out.Element("h2", {}, Say(language, "Offres éliminées", "Eliminated offers")).Open("ul");
  for (const auto& offer : table.offers) {
    if (!offer.eliminated()) {
      continue;
    }
    out.Open("li").Element("strong", {}, offer.offer.name).Open("ul");
    for (const auto& elimination : offer.eliminations) {
      out.Element("li", {}, EliminationText(elimination, language));
    }
    out.Close("ul").Close("li");
  }
  out.Close("ul");
}

void WriteMethod(const award::AwardTable& table, Language language, MarkupWriter& out) {
  out.Element("h2", {}, Say(language, "Méthode de notation", "Scoring method"));
  out.Open("table").Open("thead").Open("tr");
  for (const char* heading : {Say(language, "Critère", "Criterion"), Say(language, "Points", "Points"),
                              Say(language, "Mesure", "Measure"), Say(language, "Formule", "Formula"),
                              Say(language, "Meilleure offre", "Best offer")}) {
    out.Element("th", {{"scope", "col"}}, heading);
  }
  out.Close("tr").Close("thead").Open("tbody");
  for (const auto& leaf : table.leaves) {
    const auto& node = table.nodes[leaf.node];
    out.Open("tr").Element("th", {{"scope", "row"}}, PathText(node));
    out.Element("td", {}, PointsText(node.weight, language)).Element("td", {}, MeasureText(leaf.measure, language));
    out.Element("td", {}, FormulaText(leaf, language));
    out.Element("td", {}, leaf.best ? FigureText(leaf.measure.kind, *leaf.best, language) : "—").Close("tr");
  }
  out.Close("tbody").Close("table");
}

void WriteSensitivity(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                      MarkupWriter& out) {
  if (table.competing() == 0) {
    return;
  }
  out.Element("h2", {}, Say(language, "Sensibilité aux pondérations", "Sensitivity to the weights"));
  auto text = SayFormat(language,
                        "{} tirages de pondérations selon une loi de Dirichlet centrée sur les pondérations annoncées "
                        "(concentration {}, graine {}).",
                        "{} draws of weights from a Dirichlet distribution centred on the stated weights "
                        "(concentration {}, seed {}).",
                        sensitivity.settings.samples, ConcentrationText(sensitivity.settings.concentration, language),
                        sensitivity.settings.seed);
  if (sensitivity.winner_stays_first) {
    text += " " + SayFormat(language, "{} reste première dans {} des tirages.", "{} stays first in {} of the draws.",
                            table.offers.front().offer.name, PercentText(*sensitivity.winner_stays_first, language));
  }
  out.Element("p", {}, text);
  out.Open("table").Open("thead").Open("tr").Element("th", {{"scope", "col"}}, Say(language, "Offre", "Offer"));
  out.Element("th", {{"scope", "col"}}, Say(language, "Part des tirages gagnés", "Share of draws won"));
  out.Close("tr").Close("thead").Open("tbody");
  for (std::size_t i = 0; i < table.offers.size(); ++i) {
    if (!table.offers[i].eliminated()) {
      out.Open("tr").Element("th", {{"scope", "row"}}, table.offers[i].offer.name);
      out.Element("td", {}, PercentText(sensitivity.win_share[i], language)).Close("tr");
    }
  }
  out.Close("tbody").Close("table");
  if (sensitivity.smallest_flip) {
    out.Element("p", {}, FlipText(table, *sensitivity.smallest_flip, language));
  }
}

}  // namespace

void WriteAwardHtml(const award::AwardTable& table, const award::Sensitivity& sensitivity, Language language,
                    std::ostream& stream) {
  MarkupWriter out(stream);
  const std::string heading =
      Say(language, "Analyse des offres", "Award of the contract") + (table.title.empty() ? "" : " — " + table.title);
  out.Trusted("<!DOCTYPE html>\n");
  out.Open("html", {{"lang", language == Language::kFrench ? "fr" : "en"}}).Open("head");
  out.Empty("meta", {{"charset", "utf-8"}});
  out.Empty("meta", {{"http-equiv", "Content-Security-Policy"}, {"content", kAwardContentSecurityPolicy}});
  out.Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  out.Element("title", {}, heading);
  out.Open("style").Trusted(kHtmlStyle).Close("style").Close("head").Open("body").Open("main");
  out.Element("h1", {}, heading);
  std::string runs;
  for (const auto& run : table.runs) {
    runs += runs.empty() ? run : ", " + run;
  }
  out.Element("p", {}, SayFormat(language, "Critères : {} · Runs : {}", "Criteria: {} · Runs: {}", table.criteria_path, runs));
  WriteRanking(table, language, out);
  if (const auto winner = table.winner()) {
    out.Element("p", {}, SayFormat(language, "Offre classée première : {}.", "Offer ranked first: {}.",
                                   table.offers[*winner].offer.name));
  }
  WriteEliminated(table, language, out);
  WriteMethod(table, language, out);
  WriteSensitivity(table, sensitivity, language, out);
  out.Close("main").Close("body").Close("html").Trusted("\n");
}

}  // namespace etalon::reports
