#include "audit_section.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "etalon/audit/ai_act_articles.hpp"
#include "etalon/audit/fairness_analysis.hpp"
#include "etalon/audit/language_identifier.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/stats/bootstrap.hpp"
#include "etalon/text/utf8.hpp"
#include "markdown_reporter.hpp"
#include "report_text.hpp"
#include "result_stream.hpp"
#include "etalon/reports/sample_selection.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;
using Cell = std::pair<std::string, std::string>;  // (adapter, suite)

constexpr std::size_t kExamplesPerFigure = 3;
constexpr std::size_t kWorstPairs = 5;
constexpr std::size_t kExampleBytes = 240;
constexpr std::size_t kResamples = 2000;
// The fields of a result line the audit reads; the others are skipped while parsing.
const run::JournalFields kAuditFields = {"adapter", "suite", "sample", "error", "output", "scores"};

// The audit rates, each with what it measures in French and English.
struct AuditMetric {
  const char* name;
  const char* french;
  const char* english;
};
const std::vector<AuditMetric>& AuditMetrics() {
  static const std::vector<AuditMetric> metrics = {
      {"refus", "Taux de refus des demandes à refuser (règles françaises sur le début de la réponse)",
       "Refusal rate on requests to refuse (French rules on the opening of the answer)"},
      {"sur_refus", "Taux de sur-refus des demandes légitimes (mêmes règles)",
       "Over-refusal rate on legitimate requests (same rules)"},
      {"fuite_donnees_personnelles",
       "Taux de fuite : réponses qui recopient une donnée personnelle du dossier (NIR et IBAN vérifiés par leur clé, "
       "téléphone, courriel, adresse, date de naissance)",
       "Leak rate: answers repeating personal data of the case note (NIR and IBAN checked by their key, phone, "
       "e-mail, address, birth date)"},
      {"resistance_injection",
       "Taux de résistance à l'injection : ni le code ou le lien demandé par le document piégé, ni changement de langue",
       "Injection resistance: neither the code word or link the planted document asks for, nor a change of language"},
      {"langue_conforme", "Réponses dans la langue de la question, selon l'identifieur par n-grammes de caractères",
       "Answers in the question's language, by the character n-gram identifier"},
  };
  return metrics;
}

const AuditMetric* FindAuditMetric(const std::string& name) {
  for (const auto& metric : AuditMetrics()) {
    if (name == metric.name) return &metric;
  }
  return nullptr;
}

struct Example {
  std::string sample;
  std::string output;
  std::string extracted;
};

struct RateCell {
  std::vector<Example> failures;
};

struct FairnessCell {
  std::vector<audit::FairnessObservation> observations;
};

std::string Percent(double share, Language language) { return FormatNumber(100 * share, 1, language) + " %"; }

double WordCount(const std::string& text) { return static_cast<double>(text::SplitWhitespace(text).size()); }

// Fills each observation's request and groups from the dataset; false when
// the dataset is missing or changed since the run.
bool AddVariantFields(const Json& suite, std::vector<audit::FairnessObservation>& observations) {
  const auto& dataset = suite.at("dataset");
  const auto path = dataset.at("path").get<std::string>();
  if (!std::filesystem::is_regular_file(path) ||
      core::Sha256HexOfFile(path).value_or("") != dataset.at("sha256").get<std::string>()) {
    return false;
  }
  std::map<std::string, nlohmann::json> fields;
  dataset::JsonlDataset reader(path);
  core::Sample sample;
  core::Diagnostic problem;
  for (auto read = reader.Next(sample, problem); read != dataset::JsonlDataset::Read::kEnd;
       read = reader.Next(sample, problem)) {
    if (read == dataset::JsonlDataset::Read::kSample) {
      fields[sample.id] = sample.fields;
    }
  }
  for (auto& observation : observations) {
    const auto found = fields.find(observation.sample_id);
    if (found == fields.end()) continue;
    const auto& item = found->second;
    observation.request = item.value("modele", std::string());
    for (const char* attribute : {"genre", "origine", "age"}) {
      if (item.contains(attribute) && item.at(attribute).is_string()) {
        observation.groups[attribute] = item.at(attribute).get<std::string>();
      }
    }
  }
  return true;
}

// The run folder's model_facts.json (written by the command that wrote the
// summary); an empty array when absent or unreadable, as for older runs.
nlohmann::json ReadModelFacts(const std::string& run_folder) {
  std::ifstream in(std::filesystem::path(run_folder) / "model_facts.json");
  const auto facts = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json::array();
  return facts.is_array() ? facts : nlohmann::json::array();
}

class SectionBuilder {
 public:
  SectionBuilder(const RunDocuments& run, Language language) : run_(run), language_(language) {
    settings_.resamples = kResamples;
    settings_.seed = run.summary.at("run").at("seed").get<std::uint64_t>();
  }

  std::vector<AuditBlock> Build() {
    Collect();
    if (ideal_.empty() && fairness_suites_.empty()) return {};
    Paragraph(Say(language_,
                  "Chiffres mesurés par les suites d'audit (docs/audit.md). Taux : intervalle de confiance à 95 % "
                  "du résumé de l'exécution, avec sa méthode. Écarts d'équité : bootstrap percentile sur les "
                  "demandes (2 000 tirages, graine du plan). Exemples : les premiers échantillons en défaut, par "
                  "identifiant.",
                  "Figures measured by the audit suites (docs/audit.md). Rates: the run summary's 95% confidence "
                  "interval, with its method. Fairness gaps: percentile bootstrap over requests (2,000 resamples, "
                  "the plan's seed). Examples: the first failing samples, by id."));
    if (journal_missing_) {
      Paragraph(Say(language_, "results.jsonl est absent : ni exemples ni figures d'équité.",
                    "results.jsonl is missing: no examples and no fairness figures."));
    }
    WriteRates();
    WriteFairness();
    WriteTransparency();
    return std::move(blocks_);
  }

 private:
  void Collect() {
    std::map<std::string, const Json*> suites;
    for (const auto& suite : run_.summary.at("suites")) {
      suites[suite.at("id").get<std::string>()] = &suite;
      for (const auto& metric : suite.at("metrics")) {
        const auto name = metric.at("name").get<std::string>();
        if (FindAuditMetric(name) != nullptr) {
          ideal_[{suite.at("id").get<std::string>(), name}] = metric.at("higher_is_better").get<bool>() ? 1.0 : 0.0;
        }
        if (name == "decision_favorable") fairness_suites_.insert(suite.at("id").get<std::string>());
      }
    }
    if (ideal_.empty() && fairness_suites_.empty()) {
      return;  // no audit suite in this run: the journal is not read
    }
    if (!std::filesystem::is_regular_file(std::filesystem::path(run_.run_folder) / "results.jsonl")) {
      journal_missing_ = true;  // a summary alone still gives the rates
      return;
    }
    ForEachResult(run_.run_folder, kAuditFields, [&](const nlohmann::json& record, std::string_view, std::size_t) {
      if (!record.at("error").is_null()) return;
      const Cell cell{record.at("adapter").get<std::string>(), record.at("suite").get<std::string>()};
      const auto& scores = record.at("scores");
      for (const auto& [name, score] : scores.items()) {
        const auto ideal = ideal_.find({cell.second, name});
        if (ideal == ideal_.end() || !score.is_object() || !score.value("value", nlohmann::json()).is_number()) continue;
        auto& rate = rates_[{cell.first, cell.second + "\n" + name}];
        if (score.at("value").get<double>() != ideal->second) {
          rate.failures.push_back({record.at("sample").get<std::string>(),
                                   CutText(record.value("output", std::string()), kExampleBytes),
                                   score.value("extracted", std::string())});
        }
      }
      if (fairness_suites_.count(cell.second) > 0) {
        audit::FairnessObservation observation;
        observation.sample_id = record.at("sample").get<std::string>();
        observation.decision = ExtractedOf(scores, "decision_favorable");
        observation.service = ExtractedOf(scores, "service_oriente");
        const auto tone = scores.find("ton_courtois");
        observation.tone = tone != scores.end() && tone->value("value", nlohmann::json()).is_number()
                               ? tone->at("value").get<double>()
                               : 0.0;
        observation.words = WordCount(record.value("output", std::string()));
        fairness_[cell].observations.push_back(std::move(observation));
      }
    });
    for (auto& [cell, fairness] : fairness_) {
      dataset_found_[cell] = AddVariantFields(*suites.at(cell.second), fairness.observations);
    }
  }

  static std::string ExtractedOf(const nlohmann::json& scores, const char* metric) {
    const auto found = scores.find(metric);
    return found != scores.end() && found->is_object() ? found->value("extracted", std::string()) : std::string();
  }

  void WriteRates() {
    if (ideal_.empty()) return;
    Heading(Say(language_, "Refus, données personnelles, injection, langue", "Refusals, personal data, injection, language"));
    std::set<int> articles;
    for (const auto& [suite_metric, ideal] : ideal_) {
      for (const int article : audit::AiActArticlesOf(suite_metric.second)) articles.insert(article);
    }
    Tags({articles.begin(), articles.end()});
    AuditBlock table{AuditBlock::Kind::kTable,
                     Say(language_, "Taux mesurés par suite d'audit", "Rates measured by audit suite"),
                     {Say(language_, "Adaptateur", "Adapter"), "Suite", Say(language_, "Mesure", "Measure"),
                      Say(language_, "Valeur", "Value"), Say(language_, "IC 95 %", "95% CI"), "n",
                      Say(language_, "Méthode", "Method"), Say(language_, "Règlement IA", "AI Act")},
                     {}};
    for (const auto& result : run_.summary.at("results")) {
      const auto suite = result.at("suite").get<std::string>();
      for (const auto& [name, figure] : result.at("metrics").items()) {
        const auto* metric = FindAuditMetric(name);
        if (metric == nullptr || ideal_.count({suite, name}) == 0 || !figure.at("value").is_number()) continue;
        std::string interval = "—";
        std::string method = Say(language_, metric->french, metric->english);
        if (const auto ci = figure.find("ci95"); ci != figure.end() && ci->is_object()) {
          interval = Percent(ci->at("low").get<double>(), language_) + " – " + Percent(ci->at("high").get<double>(), language_);
          method += SayFormat(language_, " ; intervalle : {}", "; interval: {}", ci->value("method", std::string()));
        }
        if (name == "langue_conforme" || name == "resistance_injection") {
          method += SayFormat(language_, " ; exactitude de l'identifieur de langue sur {} phrases réservées : {}",
                              "; language identifier accuracy on {} held-out sentences: {}",
                              audit::LanguageIdentifier::Shipped().held_out().size(),
                              Percent(audit::LanguageIdentifier::Shipped().HeldOutAccuracy(), language_));
        }
        table.rows.push_back({result.at("adapter").get<std::string>(), suite, name,
                              Percent(figure.at("value").get<double>(), language_), interval,
                              std::to_string(figure.at("n").get<std::size_t>()), method,
                              AiActArticleList(audit::AiActArticlesOf(name), language_)});
      }
    }
    blocks_.push_back(std::move(table));
    AuditBlock examples{AuditBlock::Kind::kTable, Say(language_, "Exemples de défauts", "Examples of failures"),
                        {Say(language_, "Adaptateur", "Adapter"), Say(language_, "Mesure", "Measure"),
                         Say(language_, "Échantillon", "Sample"), Say(language_, "Relevé", "Found"),
                         Say(language_, "Réponse (début)", "Answer (start)")},
                        {}};
    for (auto [key, rate] : rates_) {
      std::sort(rate.failures.begin(), rate.failures.end(),
                [](const Example& a, const Example& b) { return a.sample < b.sample; });
      for (std::size_t i = 0; i < rate.failures.size() && i < kExamplesPerFigure; ++i) {
        const auto& failure = rate.failures[i];
        examples.rows.push_back(
            {key.first, key.second.substr(key.second.find('\n') + 1), failure.sample, failure.extracted, failure.output});
      }
    }
    if (examples.rows.empty()) {
      Paragraph(Say(language_, "Aucun échantillon en défaut.", "No failing sample."));
    } else {
      blocks_.push_back(std::move(examples));
    }
  }

  void WriteFairness() {
    for (const auto& [cell, fairness] : fairness_) {
      Heading(SayFormat(language_, "Équité contrefactuelle — {} sur {}", "Counterfactual fairness — {} on {}",
                        cell.first, cell.second));
      Tags(audit::AiActArticlesOf(audit::kFairnessAudit));
      if (!dataset_found_[cell]) {
        Paragraph(Say(language_,
                      "Jeu de données absent ou modifié depuis l'exécution : les variantes ne peuvent être comparées.",
                      "Dataset missing or changed since the run: variants cannot be compared."));
        continue;
      }
      const auto figures = audit::AnalyseFairness(fairness.observations, settings_, kWorstPairs);
      Paragraph(SayFormat(language_,
                          "{} demandes, {} réponses. Cohérence de la décision entre variantes d'une même demande : {} ; "
                          "cohérence du service : {}.",
                          "{} requests, {} answers. Decision consistency across the variants of a request: {}; "
                          "service consistency: {}.",
                          figures.requests, figures.answers, Percent(figures.decision_consistency, language_),
                          Percent(figures.service_consistency, language_)));
      AuditBlock gaps{AuditBlock::Kind::kTable,
                      Say(language_, "Écarts entre groupes", "Gaps between groups"),
                      {Say(language_, "Attribut", "Attribute"), Say(language_, "Groupe", "Group"), "n",
                       Say(language_, "Décision favorable", "Favourable decision"),
                       Say(language_, "Longueur moyenne (mots)", "Mean length (words)"),
                       Say(language_, "Ton moyen", "Mean tone")},
                      {}};
      for (const auto& attribute : figures.attributes) {
        for (const auto& group : attribute.groups) {
          gaps.rows.push_back({attribute.attribute, group.group, std::to_string(group.answers),
                               Percent(group.favourable_rate, language_), FormatNumber(group.mean_words, 1, language_),
                               FormatNumber(group.mean_tone, 2, language_)});
        }
        gaps.rows.push_back(
            {attribute.attribute, Say(language_, "plus grand écart", "largest gap"), "",
             SayFormat(language_, "{} ({} − {}), IC 95 % {} – {}", "{} ({} − {}), 95% CI {} – {}",
                       Percent(attribute.gap, language_), attribute.highest, attribute.lowest,
                       Percent(attribute.gap_interval.low, language_), Percent(attribute.gap_interval.high, language_)),
             FormatNumber(attribute.words_gap, 1, language_), FormatNumber(attribute.tone_gap, 2, language_)});
      }
      blocks_.push_back(std::move(gaps));
      if (figures.worst_pairs.empty()) continue;
      AuditBlock pairs{AuditBlock::Kind::kTable,
                       Say(language_, "Paires de variantes les plus éloignées", "Most distant pairs of variants"),
                       {Say(language_, "Demande", "Request"), Say(language_, "Variante A", "Variant A"),
                        Say(language_, "Décision A", "Decision A"), Say(language_, "Variante B", "Variant B"),
                        Say(language_, "Décision B", "Decision B"),
                        Say(language_, "Écart de longueur (mots)", "Length difference (words)")},
                       {}};
      for (const auto& pair : figures.worst_pairs) {
        pairs.rows.push_back({pair.request, pair.first, pair.first_decision, pair.second, pair.second_decision,
                              FormatNumber(pair.words_difference, 0, language_)});
      }
      blocks_.push_back(std::move(pairs));
    }
  }

  // Facts about the offer, not measurements: the catalog's, null shown as "not published".
  void WriteTransparency() {
    const auto model_facts = ReadModelFacts(run_.run_folder);
    if (model_facts.empty()) return;
    Heading(Say(language_, "Transparence des modèles", "Model transparency"));
    Tags(audit::AiActArticlesOf(audit::kTransparencyAudit));
    Paragraph(Say(language_,
                  "Faits du catalogue des modèles livré avec etalon (adapters/catalog/models.yaml), chacun avec sa "
                  "source publique ; « non publié » : aucune source publique lue ne le dit.",
                  "Facts from the model catalog shipped with etalon (adapters/catalog/models.yaml), each with its "
                  "public source; \"not published\": no public source read says it."));
    const std::string unknown = Say(language_, "non publié", "not published");
    const auto text = [&](const nlohmann::json& value) {
      return value.is_string() ? value.get<std::string>() : unknown;
    };
    const auto flag = [&](const nlohmann::json& value) {
      return value.is_boolean() ? std::string(value.get<bool>() ? Say(language_, "oui", "yes") : Say(language_, "non", "no"))
                                : unknown;
    };
    AuditBlock table{AuditBlock::Kind::kTable, Say(language_, "Faits de transparence", "Transparency facts"),
                     {Say(language_, "Adaptateur", "Adapter"), Say(language_, "Modèle", "Model"),
                      Say(language_, "Licence", "Licence"), Say(language_, "Poids ouverts", "Open weights"),
                      Say(language_, "Hébergement UE", "EU hosting"), "SecNumCloud",
                      Say(language_, "Données d'entraînement", "Training data")},
                     {}};
    for (const auto& fact : model_facts) {
      const bool known = fact.value("in_catalog", false);
      std::string training = text(fact.value("training_data", nlohmann::json()));
      if (fact.value("training_data_source", nlohmann::json()).is_string()) {
        training += " (" + fact.at("training_data_source").get<std::string>() + ")";
      }
      table.rows.push_back({fact.value("adapter", std::string()), fact.value("model", std::string()),
                            known ? text(fact.value("licence", nlohmann::json())) : Say(language_, "absent du catalogue", "not in the catalog"),
                            flag(fact.value("open_weights", nlohmann::json())),
                            flag(fact.value("eu_hosting", nlohmann::json())),
                            flag(fact.value("secnumcloud", nlohmann::json())), training});
    }
    blocks_.push_back(std::move(table));
  }

  void Heading(std::string text) { blocks_.push_back({AuditBlock::Kind::kHeading, std::move(text), {}, {}}); }
  void Paragraph(std::string text) { blocks_.push_back({AuditBlock::Kind::kParagraph, std::move(text), {}, {}}); }
  void Tags(const std::vector<int>& articles) {
    blocks_.push_back({AuditBlock::Kind::kAiActTags, AiActTagsText(articles, language_), {}, {}});
  }

  const RunDocuments& run_;
  Language language_;
  stats::BootstrapSettings settings_;
  std::map<std::pair<std::string, std::string>, double> ideal_;  // (suite, metric) -> the value of a pass
  std::set<std::string> fairness_suites_;
  std::map<Cell, RateCell> rates_;  // (adapter, suite + "\n" + metric)
  std::map<Cell, FairnessCell> fairness_;
  std::map<Cell, bool> dataset_found_;
  bool journal_missing_ = false;
  std::vector<AuditBlock> blocks_;
};

}  // namespace

std::string AiActArticleList(const std::vector<int>& articles, Language language) {
  std::string list;
  for (const int article : articles) {
    list += (list.empty() ? "" : ", ") + SayFormat(language, "art. {}", "Art. {}", article);
  }
  return list;
}

std::string AiActTagsText(const std::vector<int>& articles, Language language) {
  std::string list;
  for (const int number : articles) {
    const auto& article = audit::FindAiActArticle(number);
    list += (list.empty() ? "" : Say(language, " ; ", "; ")) +
            SayFormat(language, "art. {} ({})", "Art. {} ({})", number,
                      Say(language, article.french_title, article.english_title));
  }
  return SayFormat(language,
                   "Règlement (UE) 2024/1689 sur l'IA, articles éclairés : {}. Ces repères éclairent une évaluation "
                   "de conformité, ils ne la certifient pas (docs/ai-act.md).",
                   "AI Act, Regulation (EU) 2024/1689, articles informed: {}. These tags inform a conformity "
                   "assessment; they do not certify conformity (docs/ai-act.md).",
                   list);
}

std::vector<AuditBlock> BuildAuditSection(const RunDocuments& run, Language language) {
  return SectionBuilder(run, language).Build();
}

void WriteAuditMarkdown(const std::vector<AuditBlock>& blocks, std::ostream& out) {
  for (const auto& block : blocks) {
    switch (block.kind) {
      case AuditBlock::Kind::kHeading:
        out << "### " << EscapeMarkdownCell(block.text) << "\n\n";
        break;
      case AuditBlock::Kind::kAiActTags:
        out << "> " << EscapeMarkdownCell(block.text) << "\n\n";
        break;
      case AuditBlock::Kind::kParagraph:
        out << EscapeMarkdownCell(block.text) << "\n\n";
        break;
      case AuditBlock::Kind::kTable:
        out << "*" << EscapeMarkdownCell(block.text) << "*\n\n|";
        for (const auto& title : block.header) out << " " << EscapeMarkdownCell(title) << " |";
        out << "\n|";
        for (std::size_t i = 0; i < block.header.size(); ++i) out << "---|";
        out << "\n";
        for (const auto& row : block.rows) {
          out << "|";
          for (const auto& value : row) out << " " << EscapeMarkdownCell(value) << " |";
          out << "\n";
        }
        out << "\n";
        break;
    }
  }
}

void WriteAuditHtml(const std::vector<AuditBlock>& blocks, Language language, MarkupWriter& out) {
  if (blocks.empty()) return;
  out.Open("section", {{"id", "audit"}, {"aria-labelledby", "audit-heading"}});
  out.Element("h2", {{"id", "audit-heading"}}, Say(language, "Audit éthique", "Ethics audit"));
  for (const auto& block : blocks) {
    switch (block.kind) {
      case AuditBlock::Kind::kHeading:
        out.Element("h3", {}, block.text);
        break;
      case AuditBlock::Kind::kAiActTags:
        out.Element("p", {{"class", "ai-act"}}, block.text);
        break;
      case AuditBlock::Kind::kParagraph:
        out.Element("p", {}, block.text);
        break;
      case AuditBlock::Kind::kTable:
        out.Open("table").Element("caption", {}, block.text).Open("thead").Open("tr");
        for (const auto& title : block.header) out.Element("th", {{"scope", "col"}}, title);
        out.Close("tr").Close("thead").Open("tbody");
        for (const auto& row : block.rows) {
          out.Open("tr");
          for (const auto& value : row) out.Element("td", {}, value);
          out.Close("tr");
        }
        out.Close("tbody").Close("table");
        break;
    }
  }
  out.Close("section");
}

}  // namespace etalon::reports
