#include "html_reporter.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "audit_section.hpp"
#include "floor_section.hpp"
#include "etalon/core/sha256.hpp"
#include "html_assets.hpp"
#include "html_samples.hpp"
#include "judgment_html.hpp"
#include "impact_text.hpp"
#include "markup_writer.hpp"
#include "model_fingerprint_table.hpp"
#include "report_text.hpp"
#include "svg_chart.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

// A field that is there and not null, else nullptr: sections render what the
// summary carries and say so when it carries nothing.
const Json* Find(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}

std::string Base64(const std::array<std::uint8_t, 32>& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t chunk = (std::uint32_t{bytes[i]} << 16) |
                                (i + 1 < bytes.size() ? std::uint32_t{bytes[i + 1]} << 8 : 0) |
                                (i + 2 < bytes.size() ? std::uint32_t{bytes[i + 2]} : 0);
    text += kAlphabet[(chunk >> 18) & 63];
    text += kAlphabet[(chunk >> 12) & 63];
    text += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    text += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return text;
}

std::string ContentSecurityPolicy() {
  core::Sha256 hash;
  hash.Update(kHtmlFilterScript);
  return fmt::format("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{}'",
                     Base64(hash.Digest()));
}

// Any summary value in words: numbers in the report's language, objects as "key: value; ...".
std::string ValueText(const Json& value, Language language) {
  if (value.is_null()) return "—";
  if (value.is_boolean()) return value.get<bool>() ? Say(language, "oui", "yes") : Say(language, "non", "no");
  if (value.is_number_integer()) return value.dump();
  if (value.is_number()) return FormatSignificant(value.get<double>(), 4, language);
  if (value.is_string()) return value.get<std::string>();
  std::string text;
  for (const auto& [key, item] : value.items()) {
    text += (text.empty() ? "" : "; ") + (value.is_object() ? key + " : " : "") + ValueText(item, language);
  }
  return text;
}

std::string LatencyName(const std::string& key, Language language) {
  if (key == "end_to_end") return Say(language, "de bout en bout", "end to end");
  if (key == "ttft") return Say(language, "premier jeton (TTFT)", "first token (TTFT)");
  if (key == "ttfb") return Say(language, "premier octet (TTFB)", "first byte (TTFB)");
  if (key == "tpot") return Say(language, "par jeton de sortie (TPOT)", "per output token (TPOT)");
  if (key == "inter_chunk") return Say(language, "entre deux morceaux du flux", "between stream chunks");
  return key;
}

// Joules per request: measured when the cell has measured figures, else estimated.
std::optional<std::pair<double, bool>> JoulesPerRequest(const Json& result) {
  const auto* energy = Find(result, "energy");
  for (const auto& [key, measured] : {std::pair{"measured", true}, std::pair{"estimated", false}}) {
    if (const auto* figures = energy != nullptr ? Find(*energy, key) : nullptr) {
      const auto requests = figures->at("requests").get<double>();
      if (requests > 0) return std::make_pair(figures->at("joules").get<double>() / requests, measured);
    }
  }
  return std::nullopt;
}

class Page {
 public:
  Page(const Json& summary, Language language, MarkupWriter& out) : summary_(summary), language_(language), out_(out) {}

  const char* Say(const char* french, const char* english) const { return reports::Say(language_, french, english); }
  std::string Number(double value, int decimals) const { return FormatNumber(value, decimals, language_); }

  void OpenSection(const char* id, const char* title) {
    out_.Open("section", {{"id", id}, {"aria-labelledby", std::string(id) + "-heading"}});
    out_.Element("h2", {{"id", std::string(id) + "-heading"}}, title);
  }
  void Note(const std::string& text) { out_.Element("p", {{"class", "note"}}, text); }

  std::vector<const Json*> ResultsOf(const Json& suite) const {
    std::vector<const Json*> results;
    for (const auto& result : summary_.at("results")) {
      if (result.at("suite") == suite.at("id")) results.push_back(&result);
    }
    return results;
  }

  void WriteHeader() {
    const auto& run = summary_.at("run");
    out_.Open("header");
    out_.Element("h1", {}, fmt::format("{} — {}", Say("Rapport etalon", "etalon report"), run.at("plan").get<std::string>()));
    out_.Open("dl", {{"class", "facts"}});
    const auto status = run.at("status").get<std::string>();
    out_.Element("dt", {}, Say("Statut", "Status"));
    out_.Element("dd", {{"class", "status-" + status}}, StatusText(status, language_));
    Fact(Say("Période", "Period"), fmt::format("{} → {}", run.at("started_at").get<std::string>(),
                                                run.at("finished_at").get<std::string>()));
    const auto& totals = summary_.at("totals");
    Fact(Say("Réponses", "Answers"),
         fmt::format("{}/{}, {} {} ({} %)", totals.at("recorded").dump(), totals.at("expected").dump(),
                     totals.at("failed").dump(), Say("en erreur", "failed"),
                     Number(100 * totals.at("error_rate").get<double>(), 1)));
    out_.Close("dl");
    out_.Open("nav", {{"aria-label", Say("Sommaire", "Contents")}}).Open("ul");
    for (const auto& [id, french, english] :
         std::vector<std::tuple<const char*, const char*, const char*>>{
             {"floor", "Plancher classique", "Classical floor"}, {"summary", "Synthèse", "Summary"},
             {"trade-offs", "Qualité et coûts", "Quality and costs"},
             {"latency", "Latence", "Latency"}, {"energy", "Énergie, carbone, coût", "Energy, carbon, cost"},
             {"award", "Attribution", "Award"}, {"samples", "Échantillons", "Samples"},
             {"provenance", "Provenance", "Provenance"}, {"method", "Notes de méthode", "Method notes"}}) {
      out_.Open("li").Element("a", {{"href", std::string("#") + id}}, Say(french, english)).Close("li");
    }
    out_.Close("ul").Close("nav").Close("header");
  }

  void Fact(const std::string& term, const std::string& value) {
    out_.Element("dt", {}, term).Element("dd", {}, value);
  }

  void WriteSummary() {
    OpenSection("summary", Say("Synthèse", "Summary"));
    Note(Say("Moyennes avec leur intervalle de confiance à 95 % (approximation normale), en barre : la barre va du "
             "minimum de la métrique à la moyenne, le trait montre l'intervalle. Les métriques de corpus n'ont pas "
             "d'intervalle. Les requêtes en erreur ne sont pas notées ; elles comptent dans la colonne Erreurs.",
             "Means with their 95% confidence interval (normal approximation), as a bar: the bar runs from the "
             "metric's minimum to the mean, the whisker shows the interval. Corpus metrics have no interval. Failed "
             "requests are not scored; they count in the Errors column."));
    for (const auto& suite : summary_.at("suites")) {
      WriteSuiteTable(suite);
    }
    if (!summary_.at("skipped_adapters").empty()) {
      out_.Element("h3", {}, Say("Adaptateurs non exécutés", "Adapters not run")).Open("ul");
      for (const auto& skipped : summary_.at("skipped_adapters")) {
        out_.Element("li", {}, fmt::format("{} : {}", skipped.at("id").get<std::string>(),
                                           skipped.at("reason").get<std::string>()));
      }
      out_.Close("ul");
    }
    out_.Close("section");
  }

  void WriteSuiteTable(const Json& suite) {
    const auto results = ResultsOf(suite);
    out_.Open("table");
    out_.Element("caption", {}, fmt::format("{} ({}) — {}", suite.at("id").get<std::string>(),
                                            suite.at("task").get<std::string>(),
                                            suite.value("description", std::string())));
    out_.Open("thead").Open("tr");
    out_.Element("th", {{"scope", "col"}}, Say("Adaptateur", "Adapter"));
    out_.Element("th", {{"scope", "col"}, {"class", "number"}}, Say("Réponses", "Answers"));
    out_.Element("th", {{"scope", "col"}, {"class", "number"}}, Say("Erreurs", "Errors"));
    for (const auto& metric : suite.at("metrics")) {
      const bool higher = metric.value("higher_is_better", true);
      out_.Open("th", {{"scope", "col"}}).Text(metric.at("name").get<std::string>() + (higher ? " ↑" : " ↓"));
      out_.Element("span", {{"class", "visually-hidden"}},
                   higher ? Say(" (plus haut est meilleur)", " (higher is better)")
                          : Say(" (plus bas est meilleur)", " (lower is better)"));
      out_.Close("th");
    }
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto* result : results) {
      out_.Open("tr");
      out_.Element("th", {{"scope", "row"}}, result->at("adapter").get<std::string>());
      out_.Element("td", {{"class", "number"}},
                   fmt::format("{}/{}", result->at("recorded").dump(), result->at("expected").dump()));
      const auto failed = result->at("failed").get<std::size_t>();
      out_.Element("td", {{"class", failed > 0 ? "number failed" : "number"}},
                   fmt::format("{} ({} %)", failed, Number(100 * result->value("error_rate", 0.0), 1)));
      for (const auto& metric : suite.at("metrics")) {
        WriteMetricCell(metric, suite, Find(result->at("metrics"), metric.at("name").get<std::string>().c_str()));
      }
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table");
  }

  void WriteMetricCell(const Json& metric, const Json& suite, const Json* value) {
    out_.Open("td", {{"class", "number"}});
    const auto* mean = value != nullptr ? Find(*value, "value") : nullptr;
    if (mean == nullptr) {
      out_.Text("—").Close("td");
      return;
    }
    std::optional<std::pair<double, double>> interval;
    std::string text = Number(mean->get<double>(), 3);
    if (const auto* ci = Find(*value, "ci95")) {
      interval = std::make_pair(ci->at("low").get<double>(), ci->at("high").get<double>());
      text += fmt::format(" [{} ; {}]", Number(interval->first, 3), Number(interval->second, 3));
    }
    out_.Text(text);
    const double low = metric.at("min").is_number() ? metric.at("min").get<double>() : 0.0;
    double high = metric.at("max").is_number() ? metric.at("max").get<double>() : 0.0;
    if (!metric.at("max").is_number()) {  // unbounded (WER, TER): scale on the largest value of the suite
      for (const auto* result : ResultsOf(suite)) {
        const auto* other = Find(result->at("metrics"), metric.at("name").get<std::string>().c_str());
        if (const auto* other_value = other != nullptr ? Find(*other, "value") : nullptr) {
          high = std::max(high, other_value->get<double>());
        }
      }
    }
    WriteIntervalBar(out_, mean->get<double>(), interval, low, high);
    out_.Close("td");
  }

  void WriteTradeOffs() {
    OpenSection("trade-offs", Say("Qualité et coûts", "Quality and costs"));
    Note(Say("Chaque point est un adaptateur ; la ligne pointillée relie le front de Pareto : les adaptateurs qu'aucun "
             "autre ne bat à la fois en qualité et en coût. Qualité : la première métrique de la suite.",
             "Each point is an adapter; the dashed line joins the Pareto front: the adapters no other one beats on "
             "both quality and cost. Quality: the suite's first metric."));
    bool any_cost = false;
    for (const auto& suite : summary_.at("suites")) {
      if (suite.at("metrics").empty()) continue;
      const auto& metric = suite.at("metrics").at(0);
      const auto name = metric.at("name").get<std::string>();
      std::vector<ChartPoint> latency, energy, cost;
      for (const auto* result : ResultsOf(suite)) {
        const auto* value = Find(result->at("metrics"), name.c_str());
        const auto* mean = value != nullptr ? Find(*value, "value") : nullptr;
        if (mean == nullptr) continue;
        const auto label = result->at("adapter").get<std::string>();
        const double y = mean->get<double>();
        if (const auto* e2e = Find(result->at("latency_ms"), "end_to_end")) latency.push_back({label, e2e->at("p50"), y});
        if (const auto joules = JoulesPerRequest(*result)) energy.push_back({label, joules->first, y});
        if (const auto* cost_entry = Find(*result, "cost")) {
          if (const auto amount = CostPerRequest(*cost_entry)) cost.push_back({label, *amount, y});
        }
      }
      any_cost = any_cost || !cost.empty();
      out_.Element("h3", {}, suite.at("id").get<std::string>());
      out_.Open("div", {{"class", "charts"}});
      const auto id = suite.at("id").get<std::string>();
      WriteTradeOffChart(id + "-latency", latency, metric,
                         Say("latence p50 de bout en bout (ms, échelle log.)", "end-to-end p50 latency (ms, log scale)"));
      WriteTradeOffChart(id + "-energy", energy, metric,
                         Say("énergie par requête (J, échelle log.)", "energy per request (J, log scale)"));
      WriteTradeOffChart(id + "-cost", cost, metric, Say("coût par requête, € (échelle log.)", "cost per request, EUR (log scale)"));
      out_.Close("div");
    }
    if (!any_cost) {
      Note(Say("Ce résumé ne porte aucun coût (champ results[].cost) : les graphiques de coût sont omis.",
               "This summary carries no cost (field results[].cost): cost charts are left out."));
    }
    out_.Close("section");
  }

  void WriteTradeOffChart(const std::string& id, const std::vector<ChartPoint>& points, const Json& metric,
                          const std::string& x_label) {
    if (points.empty()) return;
    ScatterChart chart;
    chart.id = "chart-" + id;
    chart.title = fmt::format("{} : {} / {}", id, metric.at("name").get<std::string>(), x_label);
    std::string description;
    for (const auto& point : points) {
      description += fmt::format("{}{} : {} = {}, {}", description.empty() ? "" : " ; ", point.label,
                                 metric.at("name").get<std::string>(), Number(point.y, 3), Number(point.x, 3));
    }
    chart.description = description;
    chart.x_label = x_label;
    chart.y_label = metric.at("name").get<std::string>();
    chart.points = points;
    chart.higher_is_better = metric.value("higher_is_better", true);
    chart.log_x = true;
    out_.Open("figure");
    WriteScatterChart(out_, chart, language_);
    out_.Element("figcaption", {}, chart.title);
    out_.Close("figure");
  }

  void WriteLatency() {
    OpenSection("latency", Say("Latence", "Latency"));
    Note(Say("Percentiles en millisecondes, mesurés sur l'horloge monotone ; le temps passé en file d'attente est "
             "exclu. Les requêtes en erreur n'y figurent pas.",
             "Percentiles in milliseconds on the monotonic clock; time spent queued is excluded. Failed requests are "
             "not included."));
    for (const auto& suite : summary_.at("suites")) {
      LatencyChart chart;
      chart.id = "chart-" + suite.at("id").get<std::string>() + "-latency-distribution";
      chart.title = fmt::format("{} : {}", suite.at("id").get<std::string>(),
                                Say("latence de bout en bout par adaptateur", "end-to-end latency by adapter"));
      std::set<std::string> fields;
      for (const auto* result : ResultsOf(suite)) {
        for (const auto& [key, figures] : result->at("latency_ms").items()) {
          if (!figures.is_object()) continue;
          for (const auto& [field, number] : figures.items()) fields.insert(field);
        }
        if (const auto* e2e = Find(result->at("latency_ms"), "end_to_end")) {
          chart.rows.push_back({result->at("adapter").get<std::string>(), e2e->at("p50"), e2e->at("p90"),
                                e2e->at("p95"), e2e->at("p99")});
          chart.description += fmt::format("{}{} : p50 {} ms, p99 {} ms", chart.description.empty() ? "" : " ; ",
                                           chart.rows.back().label, Number(chart.rows.back().p50, 1),
                                           Number(chart.rows.back().p99, 1));
        }
      }
      if (chart.rows.empty()) continue;
      out_.Element("h3", {}, suite.at("id").get<std::string>());
      out_.Open("figure");
      WriteLatencyChart(out_, chart, language_);
      out_.Element("figcaption", {}, chart.title).Close("figure");
      WriteLatencyTable(suite, fields);
    }
    out_.Close("section");
  }

  // One row per adapter and latency measure present (end_to_end, ttft, and any added later).
  void WriteLatencyTable(const Json& suite, const std::set<std::string>& fields) {
    const std::vector<std::string> order = {"n", "mean", "p50", "p90", "p95", "p99"};
    std::vector<std::string> columns;
    for (const auto& field : order) if (fields.count(field) > 0) columns.push_back(field);
    for (const auto& field : fields) {
      if (std::find(order.begin(), order.end(), field) == order.end()) columns.push_back(field);
    }
    out_.Open("table");
    out_.Element("caption", {}, fmt::format("{} : {}", suite.at("id").get<std::string>(),
                                            Say("percentiles de latence (ms)", "latency percentiles (ms)")));
    out_.Open("thead").Open("tr");
    out_.Element("th", {{"scope", "col"}}, Say("Adaptateur", "Adapter"));
    out_.Element("th", {{"scope", "col"}}, Say("Mesure", "Measure"));
    for (const auto& column : columns) {
      out_.Element("th", {{"scope", "col"}, {"class", "number"}}, column == "mean" ? Say("moyenne", "mean") : column);
    }
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto* result : ResultsOf(suite)) {
      for (const auto& [key, figures] : result->at("latency_ms").items()) {
        if (!figures.is_object()) continue;  // not measured for this adapter (TTFT without streaming)
        out_.Open("tr");
        out_.Element("th", {{"scope", "row"}}, result->at("adapter").get<std::string>());
        out_.Element("td", {}, LatencyName(key, language_));
        for (const auto& column : columns) {
          const auto* number = Find(figures, column.c_str());
          out_.Element("td", {{"class", "number"}},
                       number == nullptr             ? std::string("—")
                       : number->is_number_integer() ? number->dump()
                                                     : Number(number->get<double>(), 2));
        }
        out_.Close("tr");
      }
    }
    out_.Close("tbody").Close("table");
  }

  void EnergyCell(const Json* figures, bool measured) {
    out_.Open("td");
    if (figures == nullptr) {
      out_.Text("—").Close("td");
      return;
    }
    out_.Element("span", {{"class", measured ? "label-measured" : "label-estimated"}},
                 measured ? Say("mesuré", "measured") : Say("estimé", "estimated"));
    const auto joules = [&](const Json& value) { return FormatSignificant(value.get<double>(), 3, language_); };
    std::string text = fmt::format(" {} J ({} Wh)", joules(figures->at("joules")), joules(figures->at("wh")));
    if (const auto* low = Find(*figures, "low_joules")) {
      text += SayFormat(language_, ", entre {} et {} J", ", between {} and {} J", joules(*low),
                        joules(figures->at("high_joules")));
    }
    text += SayFormat(language_, " ; {} requêtes ; méthode : {}", "; {} requests; method: {}",
                        figures->at("requests").dump(), ValueText(figures->at("methods"), language_));
    out_.Text(text).Close("td");
  }

  void WriteEnergy() {
    OpenSection("energy", Say("Énergie, carbone et coût", "Energy, carbon and cost"));
    Note(Say("« Mesuré » : un compteur matériel (RAPL, NVML). « Estimé » : un modèle (temps CPU × puissance du "
             "processeur pour un moteur local, méthode EcoLogits pour une API), avec sa fourchette basse et haute. "
             "Les deux ne sont jamais additionnés.",
             "\"Measured\": a hardware counter (RAPL, NVML). \"Estimated\": a model (CPU time × the processor's "
             "power for a local engine, the EcoLogits method for an API), with its low and high bounds. The two are "
             "never added together."));
    bool any_carbon = false, any_cost = false;
    out_.Open("table").Element("caption", {}, Say("Par adaptateur et suite", "By adapter and suite"));
    out_.Open("thead").Open("tr");
    for (const char* heading : {Say("Adaptateur", "Adapter"), "Suite", Say("Énergie mesurée", "Measured energy"),
                                Say("Énergie estimée", "Estimated energy"), Say("Carbone", "Carbon"),
                                Say("Coût", "Cost")}) {
      out_.Element("th", {{"scope", "col"}}, heading);
    }
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto& result : summary_.at("results")) {
      const auto* energy = Find(result, "energy");
      out_.Open("tr").Element("th", {{"scope", "row"}}, result.at("adapter").get<std::string>());
      out_.Element("td", {}, result.at("suite").get<std::string>());
      EnergyCell(energy != nullptr ? Find(*energy, "measured") : nullptr, true);
      EnergyCell(energy != nullptr ? Find(*energy, "estimated") : nullptr, false);
      const auto* carbon = Find(result, "carbon");
      const auto* cost = Find(result, "cost");
      any_carbon = any_carbon || (carbon != nullptr && carbon->is_object());
      any_cost = any_cost || (cost != nullptr && cost->is_object());
      out_.Element("td", {}, carbon != nullptr ? CarbonText(*carbon, language_) : "—");
      out_.Element("td", {}, cost != nullptr ? CostText(*cost, language_) : "—");
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table");
    if (!any_carbon || !any_cost) {
      Note(Say("Ce résumé ne porte pas de chiffres de carbone ou de coût pour toutes les cellules (champs "
               "results[].carbon, results[].cost) : « — » les signale.",
               "This summary carries no carbon or cost figures for some cells (fields results[].carbon, "
               "results[].cost): \"—\" marks them."));
    }
    if (const auto* run_energy = Find(summary_, "run_energy")) {
      out_.Element("h3", {}, Say("Énergie de l'hôte pendant l'exécution", "Host energy during the run"));
      out_.Open("dl", {{"class", "facts"}});
      for (const auto& [key, value] : run_energy->items()) Fact(key, ValueText(value, language_));
      out_.Close("dl");
      Note(Say("Toute la machine sur toute l'exécution : jamais répartie entre les requêtes ni ajoutée à leurs chiffres.",
               "The whole machine over the whole run: never split between requests nor added to their figures."));
    }
    out_.Close("section");
  }

  void WriteAward() {
    OpenSection("award", Say("Attribution", "Award"));
    const auto* award = Find(summary_, "award");
    if (award == nullptr) {
      Note(Say("Aucun critère d'attribution n'a été donné pour cette exécution : pas de tableau d'attribution.",
               "No award criteria were given for this run: no award table."));
      out_.Close("section");
      return;
    }
    const Json* rows = award->is_array() ? award : Find(*award, "rows");
    if (rows == nullptr || !rows->is_array() || rows->empty() || !rows->at(0).is_object()) {
      out_.Element("p", {}, ValueText(*award, language_)).Close("section");
      return;
    }
    std::vector<std::string> columns;
    for (const auto& row : *rows) {
      for (const auto& [key, value] : row.items()) {
        if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
      }
    }
    out_.Open("table").Element("caption", {}, Say("Tableau d'attribution", "Award table")).Open("thead").Open("tr");
    for (const auto& column : columns) out_.Element("th", {{"scope", "col"}}, column);
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto& row : *rows) {
      out_.Open("tr");
      for (const auto& column : columns) {
        out_.Element("td", {}, row.contains(column) ? ValueText(row.at(column), language_) : "—");
      }
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table").Close("section");
  }

  void WriteProvenance(const SampleSelection& selection) {
    OpenSection("provenance", Say("Provenance", "Provenance"));
    const auto& etalon = summary_.at("etalon");
    const auto& run = summary_.at("run");
    out_.Open("dl", {{"class", "facts"}});
    Fact("etalon", fmt::format("{} (git {}{})", etalon.at("version").get<std::string>(),
                               etalon.at("git_sha").get<std::string>(),
                               etalon.value("git_dirty", false) ? Say(", arbre modifié", ", dirty") : ""));
    Fact(Say("Empreinte du plan", "Plan fingerprint"), run.at("fingerprint").get<std::string>());
    Fact(Say("Graine", "Seed"), run.at("seed").dump());
    Fact(Say("Début", "Started"), run.at("started_at").get<std::string>());
    Fact(Say("Fin", "Finished"), run.at("finished_at").get<std::string>());
    Fact(Say("Hôte", "Host"), run.value("host", std::string()));
    if (const auto* plan = Find(summary_, "plan")) Fact(Say("Fichier du plan", "Plan file"), plan->value("path", ""));
    out_.Close("dl");
    out_.Open("table").Element("caption", {}, Say("Jeux de données", "Datasets")).Open("thead").Open("tr");
    for (const char* heading : {"Suite", Say("Échantillons (exécutés/retenus)", "Samples (run/kept)"), "sha256",
                                Say("Exemples (sha256)", "Few-shot (sha256)")}) {
      out_.Element("th", {{"scope", "col"}}, heading);
    }
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto& suite : summary_.at("suites")) {
      const auto& dataset = suite.at("dataset");
      out_.Open("tr").Element("th", {{"scope", "row"}}, suite.at("id").get<std::string>());
      out_.Element("td", {{"class", "number"}},
                   fmt::format("{}/{}", dataset.at("samples_in_run").dump(), dataset.at("samples").dump()));
      out_.Element("td", {{"class", "hash"}}, dataset.at("sha256").get<std::string>());
      const auto* few_shot = Find(suite, "few_shot");
      out_.Element("td", {{"class", "hash"}}, few_shot != nullptr ? few_shot->value("sha256", "") : "—");
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table");
    WriteModels(selection);
    WriteModelFingerprints();
    out_.Close("section");
  }

  void WriteModelFingerprints() {
    const auto table = ModelFingerprintTable(summary_, language_);
    if (table.rows.empty()) return;
    out_.Open("table").Element("caption", {}, table.caption).Open("thead").Open("tr");
    for (const auto& heading : table.headings) out_.Element("th", {{"scope", "col"}}, heading);
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto& row : table.rows) {
      out_.Open("tr").Element("th", {{"scope", "row"}}, row.front());
      for (std::size_t i = 1; i < row.size(); ++i) out_.Element("td", {}, row[i]);
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table");
  }

  void WriteModels(const SampleSelection& selection) {
    const auto* plan = Find(summary_, "plan");
    const auto* resolved = plan != nullptr ? Find(*plan, "resolved") : nullptr;
    const auto* adapters = resolved != nullptr ? Find(*resolved, "adapters") : nullptr;
    if (adapters == nullptr) return;
    out_.Open("table").Element("caption", {}, Say("Modèles", "Models")).Open("thead").Open("tr");
    for (const char* heading : {Say("Adaptateur", "Adapter"), Say("Type", "Kind"), Say("Préréglage", "Preset"),
                                Say("Modèle demandé", "Model asked for"),
                                Say("Modèle servi (selon le fournisseur)", "Model served (as the provider reported)")}) {
      out_.Element("th", {{"scope", "col"}}, heading);
    }
    out_.Close("tr").Close("thead").Open("tbody");
    for (const auto& adapter : *adapters) {
      const auto id = adapter.at("id").get<std::string>();
      std::string served;
      if (const auto found = selection.served_models.find(id); found != selection.served_models.end()) {
        for (const auto& model : found->second) served += (served.empty() ? "" : ", ") + model;
      }
      out_.Open("tr").Element("th", {{"scope", "row"}}, id);
      out_.Element("td", {}, adapter.value("kind", "")).Element("td", {}, adapter.value("preset", ""));
      out_.Element("td", {}, adapter.value("model", "")).Element("td", {}, served.empty() ? "—" : served);
      out_.Close("tr");
    }
    out_.Close("tbody").Close("table");
  }

  void WriteMethodNotes() {
    OpenSection("method", Say("Notes de méthode", "Method notes"));
    out_.Element("h3", {}, Say("Métriques", "Metrics")).Open("dl", {{"class", "facts"}});
    std::set<std::string> described;
    for (const auto& suite : summary_.at("suites")) {
      for (const auto& metric : suite.at("metrics")) {
        const auto name = metric.at("name").get<std::string>();
        if (!described.insert(name).second) continue;
        auto text = MetricDescription(name, metric.value("description", ""), language_);
        if (!metric.value("reference", std::string()).empty()) {
          text += SayFormat(language_, " Conforme à : {}.", " Matches: {}.", metric.at("reference").get<std::string>());
        }
        Fact(name, text);
      }
    }
    out_.Close("dl").Element("h3", {}, Say("Mesures et hypothèses", "Measures and assumptions")).Open("ul");
    for (const char* note :
         {Say("Intervalle à 95 % : moyenne ± 1,96 × écart-type / √n (approximation normale) ; il suppose des "
              "échantillons indépendants et n'est pas donné sous 2 échantillons.",
              "95% interval: mean ± 1.96 × standard deviation / √n (normal approximation); it assumes independent "
              "samples and is not given under 2 samples."),
          Say("Métriques de corpus (BLEU, chrF, TER, WER…) : calculées sur les statistiques cumulées de tous les "
              "échantillons, pas comme une moyenne de phrases.",
              "Corpus metrics (BLEU, chrF, TER, WER…): computed from statistics summed over all samples, not as a "
              "mean of sentences."),
          Say("Latence de bout en bout : de la remise à l'adaptateur à la réponse complète. TTFT : jusqu'au premier "
              "contenu non vide (adaptateurs en flux seulement). Percentiles par interpolation linéaire (comme numpy).",
              "End-to-end latency: from hand-over to the adapter to the complete answer. TTFT: to the first "
              "non-empty content (streaming adapters only). Percentiles by linear interpolation (as numpy)."),
          Say("Énergie estimée : temps CPU du processus × puissance par cœur tirée d'une table de modèles de "
              "processeurs, avec bornes basse et haute ; elle ne couvre ni la mémoire ni le réseau.",
              "Estimated energy: the process's CPU time × per-core power from a table of processor models, with "
              "low and high bounds; it covers neither memory nor network."),
          Say("Les sorties des modèles et les textes des jeux de données sont affichés comme du texte, jamais "
              "interprétés : ce rapport n'exécute aucun contenu venu d'un modèle.",
              "Model outputs and dataset texts are shown as text, never interpreted: this report runs no content "
              "that came from a model.")}) {
      out_.Element("li", {}, note);
    }
    out_.Close("ul").Close("section");
  }

 private:
  const Json& summary_;
  Language language_;
  MarkupWriter& out_;
};

}  // namespace

void HtmlReporter::Write(const RunDocuments& run, Language language, std::ostream& out) const {
  MarkupWriter writer(out);
  try {
    // The selection the summary's pass collected, when it was made under
    // these limits; otherwise one pass over the journal.
    std::optional<SampleSelection> read_here;
    if (!run.samples || !(run.samples->limits == limits_)) {
      read_here = SelectSamples(run, limits_);
    }
    const auto& selection = read_here ? *read_here : *run.samples;
    const auto& summary = run.summary;
    Page page(summary, language, writer);
    writer.Trusted("<!DOCTYPE html>\n");
    writer.Open("html", {{"lang", language == Language::kFrench ? "fr" : "en"}}).Open("head");
    writer.Empty("meta", {{"charset", "utf-8"}});
    writer.Empty("meta", {{"http-equiv", "Content-Security-Policy"}, {"content", ContentSecurityPolicy()}});
    writer.Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    writer.Element("title", {}, fmt::format("{} — {}", Say(language, "Rapport etalon", "etalon report"),
                                            summary.at("run").at("plan").get<std::string>()));
    writer.Open("style").Trusted(kHtmlStyle).Close("style").Close("head").Open("body");
    writer.Element("a", {{"class", "skip"}, {"href", "#main"}}, Say(language, "Aller au contenu", "Skip to content"));
    page.WriteHeader();
    writer.Open("main", {{"id", "main"}});
    WriteFloorHtml(ComputeFloorSection(run), language, writer);
    page.WriteSummary();
    page.WriteTradeOffs();
    page.WriteLatency();
    page.WriteEnergy();
    page.WriteAward();
    WriteJudgmentSection(writer, run.run_folder, language);
    WriteAuditHtml(BuildAuditSection(run, language), language, writer);
    WriteSamplesSection(writer, selection, limits_, language);
    page.WriteProvenance(selection);
    page.WriteMethodNotes();
    writer.Close("main").Open("footer");
    writer.Text(SayFormat(language, "Produit par etalon {} à partir des fichiers de l'exécution du {}.", "Made by etalon {} from the files of the run of {}.",
                            summary.at("etalon").at("version").get<std::string>(),
                            summary.at("run").at("started_at").get<std::string>()));
    writer.Close("footer").Open("script").Trusted(kHtmlFilterScript).Close("script");
    writer.Close("body").Close("html").Trusted("\n");
  } catch (const nlohmann::ordered_json::exception& error) {
    throw std::runtime_error(fmt::format("{}/summary.json: missing or malformed field: {}", run.run_folder, error.what()));
  }
}

}  // namespace etalon::reports
