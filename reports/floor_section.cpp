#include "floor_section.hpp"

#include <utility>
#include <vector>

#include "etalon/compare/compare_run.hpp"
#include "etalon/reports/floor_summary.hpp"
#include "markdown_reporter.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;
using frugality::FloorRow;
using frugality::SuiteFloor;
using frugality::ValuePerSpend;

constexpr int kDigits = 3;  // significant digits of gains and values

const char* Title(Language language) {
  return Say(language, "Plancher classique et valeur par euro et par kWh", "Classical floor and value per euro and per kWh");
}

const char* Introduction(Language language) {
  return Say(language,
             "Avant d'acheter un grand modèle, vérifier qu'une méthode simple ne fait pas déjà le travail. Le "
             "plancher d'une suite est la méthode classique (lead-k, BM25, mots-clés, règles, tesseract, apertium…) "
             "la mieux notée sur la première métrique de la suite. Gain : différence appariée avec le plancher sur "
             "les échantillons notés des deux côtés, comptée positive quand elle est meilleure, avec son intervalle "
             "de confiance à 95 % (bootstrap BCa) ; p ajustée par Holm sur toutes les lignes du rapport. Significatif "
             "quand p de Holm < 0,05 et que l'intervalle exclut 0. Gain pour 1 000 EUR : gain × 1 000 / surcoût par "
             "requête sur le plancher (pour une métrique 0/1, les bonnes réponses de plus qu'achètent 1 000 EUR de "
             "dépense en plus) ; gain par kWh de même avec l'énergie par requête. Chaque coût et chaque énergie dit "
             "s'il est mesuré ou estimé.",
             "Before buying a large model, check that a simple method does not already do the job. A suite's floor "
             "is the classical method (lead-k, BM25, keywords, rules, tesseract, apertium...) with the best value "
             "of the suite's first metric. Gain: paired difference with the floor on the samples both scored, "
             "counted positive when better, with its 95% confidence interval (BCa bootstrap); p adjusted by Holm "
             "over every row of the report. Significant when Holm's p < 0.05 and the interval excludes 0. Gain per "
             "1,000 EUR: gain × 1,000 / extra cost per request over the floor (for a 0/1 metric, the additional "
             "correct answers 1,000 EUR of extra spend buys); gain per kWh likewise from energy per request. Every "
             "cost and energy figure says whether it is measured or estimated.");
}

std::string Signed(double value, Language language) {
  return (value > 0 ? "+" : "") + FormatSignificant(value, kDigits, language);
}

std::string WithInterval(double value, double low, double high, Language language) {
  return fmt::format("{} [{} ; {}]", Signed(value, language), Signed(low, language), Signed(high, language));
}

// "token-prices / server-time" (the adapter's basis, then the floor's) in words.
std::string BasisText(const std::string& basis, Language language) {
  std::string text;
  for (std::size_t start = 0;;) {
    const auto end = basis.find(" / ", start);
    const auto part = basis.substr(start, end == std::string::npos ? std::string::npos : end - start);
    text += start == 0 ? "" : " / ";
    if (part == "token-prices") {
      text += Say(language, "prix des jetons", "token prices");
    } else if (part == "server-time") {
      text += Say(language, "temps serveur", "server time");
    } else {
      text += part;
    }
    if (end == std::string::npos) {
      return text;
    }
    start = end + 3;
  }
}

// `cost`: EUR per request; else Wh per request.
std::string ValueText(const ValuePerSpend& value, bool cost, Language language) {
  const std::string label = cost ? (value.estimated ? Say(language, "coût estimé", "estimated cost")
                                                    : Say(language, "coût mesuré", "measured cost"))
                                 : (value.estimated ? Say(language, "énergie estimée", "estimated energy")
                                                    : Say(language, "énergie mesurée", "measured energy"));
  const auto basis = value.basis.empty() ? label : fmt::format("{}, {}", label, BasisText(value.basis, language));
  const auto extra = fmt::format("{} {}", Signed(value.extra_per_request, language),
                                 cost ? Say(language, "EUR/requête", "EUR/request") : Say(language, "Wh/requête", "Wh/request"));
  switch (value.state) {
    case ValuePerSpend::State::kValue:
      return fmt::format("{} ({} ; {})", WithInterval(value.value, value.low, value.high, language), extra, basis);
    case ValuePerSpend::State::kDominant:
      return fmt::format("{} ({} ; {})", Say(language, "dominant : meilleur et pas plus cher", "dominant: better and no dearer"),
                         extra, basis);
    case ValuePerSpend::State::kNotBetter:
      return fmt::format("{} ({} ; {})", Say(language, "sans objet : pas plus cher, pas meilleur", "n/a: no dearer, not better"),
                         extra, basis);
    case ValuePerSpend::State::kUnpriced: {
      const bool adapter = value.missing == ValuePerSpend::Missing::kAdapter;
      if (cost) {
        return adapter ? Say(language, "non chiffré : l'adaptateur n'a pas de coût", "not priced: the adapter has no cost")
                       : Say(language, "non chiffré : le plancher n'a pas de coût", "not priced: the floor has no cost");
      }
      return adapter ? Say(language, "non chiffré : l'adaptateur n'a pas d'énergie", "not priced: the adapter has no energy figure")
                     : Say(language, "non chiffré : le plancher n'a pas d'énergie", "not priced: the floor has no energy figure");
    }
    case ValuePerSpend::State::kNoGain: return "—";
    case ValuePerSpend::State::kWithinUncertainty:
      return fmt::format("{} ({} ; {})",
                         Say(language, "sans objet : écart dans l'incertitude des estimations",
                             "n/a: the difference is within the estimates' uncertainty"),
                         extra, basis);
  }
  return "—";  // unreachable: every state is handled above
}

std::vector<std::string> Header(Language language) {
  return {Say(language, "Adaptateur", "Adapter"),
          Say(language, "Nature", "Kind"),
          Say(language, "Paires", "Pairs"),
          Say(language, "Gain sur le plancher [IC 95 %]", "Gain over the floor [95% CI]"),
          Say(language, "p (Holm)", "p (Holm)"),
          Say(language, "Verdict", "Verdict"),
          Say(language, "Gain pour 1 000 EUR [IC 95 %]", "Gain per 1,000 EUR [95% CI]"),
          Say(language, "Gain par kWh [IC 95 %]", "Gain per kWh [95% CI]")};
}

std::vector<std::string> Row(const FloorRow& row, Language language) {
  const auto kind = row.baseline ? Say(language, "méthode classique", "classical method") : Say(language, "modèle", "model");
  if (!row.gain) {
    return {row.adapter, kind, std::to_string(row.pairs),
            SayFormat(language, "non calculé : {}", "not computed: {}", row.unavailable), "—", "—", "—", "—"};
  }
  return {row.adapter,
          kind,
          std::to_string(row.pairs),
          WithInterval(*row.gain, row.interval.low, row.interval.high, language),
          FormatSignificant(row.holm_p_value, kDigits, language),
          row.significant ? Say(language, "significatif", "significant") : Say(language, "non significatif", "not significant"),
          ValueText(row.per_thousand_eur, true, language),
          ValueText(row.per_kwh, false, language)};
}

struct SuiteBlock {
  std::string heading;
  std::string note;
  std::vector<std::vector<std::string>> rows;  // empty: no table
};

SuiteBlock BlockOf(const SuiteFloor& suite, Language language) {
  SuiteBlock block;
  block.heading = fmt::format("{} — {} ({})", suite.suite, suite.metric,
                              suite.higher_is_better ? Say(language, "plus haut est meilleur", "higher is better")
                                                     : Say(language, "plus bas est meilleur", "lower is better"));
  if (!suite.floor) {
    block.note = Say(language, "Aucune méthode classique dans ce run : pas de plancher.",
                     "No classical method in this run: no floor.");
    return block;
  }
  block.note = SayFormat(language, "Plancher : {} ({} = {}).", "Floor: {} ({} = {}).", *suite.floor, suite.metric,
                         FormatSignificant(*suite.floor_value, kDigits, language));
  if (suite.rows.empty()) {
    block.note += Say(language, " Aucun autre adaptateur sur cette suite.", " No other adapter on this suite.");
  }
  for (const auto& row : suite.rows) {
    block.rows.push_back(Row(row, language));
  }
  return block;
}

std::string ErrorText(const FloorSection& section, Language language) {
  return SayFormat(language, "Plancher non calculé : {}", "Floor not computed: {}", section.error);
}

Json ValueJson(const ValuePerSpend& value, const char* extra_field) {
  static const char* const kStates[] = {"value", "dominant", "not-better", "unpriced", "no-gain", "within-uncertainty"};
  Json json;
  json["state"] = kStates[static_cast<int>(value.state)];
  const bool figures = value.state == ValuePerSpend::State::kValue;
  json["value"] = figures ? Json(value.value) : Json(nullptr);
  json["low"] = figures ? Json(value.low) : Json(nullptr);
  json["high"] = figures ? Json(value.high) : Json(nullptr);
  const bool spend = figures || value.state == ValuePerSpend::State::kDominant ||
                     value.state == ValuePerSpend::State::kNotBetter ||
                     value.state == ValuePerSpend::State::kWithinUncertainty;
  json[extra_field] = spend ? Json(value.extra_per_request) : Json(nullptr);
  json["estimated"] = spend ? Json(value.estimated) : Json(nullptr);
  json["basis"] = spend ? Json(value.basis) : Json(nullptr);
  json["missing"] = value.state != ValuePerSpend::State::kUnpriced
                        ? Json(nullptr)
                        : Json(value.missing == ValuePerSpend::Missing::kAdapter ? "adapter" : "floor");
  return json;
}

}  // namespace

FloorSection ComputeFloorSection(const RunDocuments& run) {
  FloorSection section;
  try {
    section.floors = frugality::ComputeBaselineFloors(run.run_folder, nlohmann::json(run.summary));
  } catch (const compare::CompareInputError& error) {
    // Files named relative to the run folder, so a report rebuilt elsewhere
    // is the same; the message may quote bytes of a line that is not UTF-8.
    auto message = ReplaceInvalidUtf8(error.what());
    const auto prefix = run.run_folder + "/";
    for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at)) {
      message.erase(at, prefix.size());
    }
    section.error = std::move(message);
  }
  return section;
}

void WriteFloorMarkdown(const FloorSection& section, Language language, std::ostream& out) {
  out << "## " << Title(language) << "\n\n" << EscapeMarkdownCell(Introduction(language)) << "\n\n";
  if (!section.error.empty()) {
    out << EscapeMarkdownCell(ErrorText(section, language)) << "\n\n";
    return;
  }
  const auto header = Header(language);
  for (const auto& suite : section.floors.suites) {
    const auto block = BlockOf(suite, language);
    out << "### " << EscapeMarkdownCell(block.heading) << "\n\n" << EscapeMarkdownCell(block.note) << "\n\n";
    if (block.rows.empty()) {
      continue;
    }
    out << "|";
    for (const auto& title : header) out << " " << EscapeMarkdownCell(title) << " |";
    out << "\n|---|---|---:|---|---:|---|---|---|\n";
    for (const auto& row : block.rows) {
      out << "|";
      for (const auto& cell : row) out << " " << EscapeMarkdownCell(cell) << " |";
      out << "\n";
    }
    out << "\n";
  }
}

void WriteFloorHtml(const FloorSection& section, Language language, MarkupWriter& out) {
  out.Open("section", {{"id", "floor"}, {"aria-labelledby", "floor-heading"}});
  out.Element("h2", {{"id", "floor-heading"}}, Title(language));
  out.Element("p", {{"class", "note"}}, Introduction(language));
  if (!section.error.empty()) {
    out.Element("p", {}, ErrorText(section, language)).Close("section");
    return;
  }
  const auto header = Header(language);
  for (const auto& suite : section.floors.suites) {
    const auto block = BlockOf(suite, language);
    out.Element("h3", {}, block.heading).Element("p", {}, block.note);
    if (block.rows.empty()) {
      continue;
    }
    out.Open("table").Element("caption", {}, block.heading).Open("thead").Open("tr");
    for (const auto& title : header) out.Element("th", {{"scope", "col"}}, title);
    out.Close("tr").Close("thead").Open("tbody");
    for (const auto& row : block.rows) {
      out.Open("tr");
      for (const auto& cell : row) out.Element("td", {}, cell);
      out.Close("tr");
    }
    out.Close("tbody").Close("table");
  }
  out.Close("section");
}

Json FloorJson(const FloorSection& section, const std::string& suite_id) {
  if (!section.error.empty()) {
    return {{"error", section.error}};
  }
  for (const auto& suite : section.floors.suites) {
    if (suite.suite != suite_id) {
      continue;
    }
    Json json;
    json["metric"] = suite.metric;
    json["higher_is_better"] = suite.higher_is_better;
    json["floor"] = suite.floor ? Json(*suite.floor) : Json(nullptr);
    json["floor_value"] = suite.floor_value ? Json(*suite.floor_value) : Json(nullptr);
    json["alpha"] = section.floors.alpha;
    Json rows = Json::array();
    for (const auto& row : suite.rows) {
      Json entry;
      entry["adapter"] = row.adapter;
      entry["baseline"] = row.baseline;
      entry["pairs"] = row.pairs;
      entry["gain"] = row.gain ? Json(*row.gain) : Json(nullptr);
      entry["ci95"] = row.gain ? Json{{"low", row.interval.low}, {"high", row.interval.high}} : Json(nullptr);
      entry["test"] = row.gain ? Json(row.test) : Json(nullptr);
      entry["p_value"] = row.gain ? Json(row.p_value) : Json(nullptr);
      entry["holm_p_value"] = row.gain ? Json(row.holm_p_value) : Json(nullptr);
      entry["significant"] = row.significant;
      entry["unavailable"] = row.gain ? Json(nullptr) : Json(row.unavailable);
      entry["per_1000_eur"] = ValueJson(row.per_thousand_eur, "extra_eur_per_request");
      entry["per_kwh"] = ValueJson(row.per_kwh, "extra_wh_per_request");
      rows.push_back(std::move(entry));
    }
    json["rows"] = std::move(rows);
    return json;
  }
  return nullptr;
}

void AddFloorsToSummary(RunDocuments& run) {
  const auto section = ComputeFloorSection(run);
  for (auto& suite : run.summary.at("suites")) {
    suite["floor"] = FloorJson(section, suite.at("id").get<std::string>());
  }
}

}  // namespace etalon::reports
