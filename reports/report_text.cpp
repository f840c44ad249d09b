#include "report_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace etalon::reports {

namespace {

struct Description {
  const char* french;
  const char* english;
};

// Names as summary.json writes them (after parameters are applied: recall@10).
const std::map<std::string, Description>& Descriptions() {
  static const std::map<std::string, Description> descriptions = {
      {"bleu", {"BLEU de corpus (sacrebleu) : précision des n-grammes de 1 à 4 mots avec pénalité de brièveté, de 0 à 100.",
                "Corpus BLEU (sacrebleu): 1- to 4-gram precision with a brevity penalty, 0 to 100."}},
      {"chrf", {"chrF de corpus : F-mesure des n-grammes de caractères (jusqu'à 6), de 0 à 100.",
                "Corpus chrF: F-score of character n-grams (up to 6), 0 to 100."}},
      {"chrf++", {"chrF++ de corpus : chrF complété par les n-grammes de mots (jusqu'à 2), de 0 à 100.",
                  "Corpus chrF++: chrF plus word n-grams (up to 2), 0 to 100."}},
      {"ter", {"Taux d'édition de traduction (TER) : modifications pour atteindre la référence, en %, plus bas est meilleur.",
               "Translation edit rate: edits needed to reach the reference, in %, lower is better."}},
      {"wer", {"Taux d'erreur sur les mots : (substitutions + suppressions + insertions) / mots de la référence ; plus bas est meilleur.",
               "Word error rate: (substitutions + deletions + insertions) / reference words; lower is better."}},
      {"wer_fr", {"Taux d'erreur sur les mots après normalisation française ; plus bas est meilleur.",
                  "Word error rate after French normalisation; lower is better."}},
      {"mer", {"Taux d'erreur de correspondance sur les mots ; plus bas est meilleur.", "Match error rate over words; lower is better."}},
      {"mer_fr", {"Taux d'erreur de correspondance après normalisation française ; plus bas est meilleur.",
                  "Match error rate after French normalisation; lower is better."}},
      {"wil", {"Information perdue sur les mots (1 − WIP) ; plus bas est meilleur.", "Word information lost (1 − WIP); lower is better."}},
      {"wil_fr", {"Information perdue sur les mots après normalisation française ; plus bas est meilleur.",
                  "Word information lost after French normalisation; lower is better."}},
      {"wip", {"Information préservée sur les mots ; plus haut est meilleur.", "Word information preserved; higher is better."}},
      {"wip_fr", {"Information préservée après normalisation française ; plus haut est meilleur.",
                  "Word information preserved after French normalisation; higher is better."}},
      {"cer", {"Taux d'erreur sur les caractères ; plus bas est meilleur.", "Character error rate; lower is better."}},
      {"cer_fr", {"Taux d'erreur sur les caractères après normalisation française ; plus bas est meilleur.",
                  "Character error rate after French normalisation; lower is better."}},
      {"rouge1", {"ROUGE-1 : F-mesure des mots communs avec la référence, moyenne par échantillon.",
                  "ROUGE-1: F-score of words shared with the reference, mean over samples."}},
      {"rouge2", {"ROUGE-2 : F-mesure des paires de mots communes avec la référence, moyenne par échantillon.",
                  "ROUGE-2: F-score of word pairs shared with the reference, mean over samples."}},
      {"rougeL", {"ROUGE-L : F-mesure de la plus longue sous-séquence commune, moyenne par échantillon.",
                  "ROUGE-L: F-score of the longest common subsequence, mean over samples."}},
      {"rougeLsum", {"ROUGE-Lsum : ROUGE-L calculé phrase par phrase, moyenne par échantillon.",
                     "ROUGE-Lsum: ROUGE-L computed sentence by sentence, mean over samples."}},
      {"exact_match", {"Part des réponses identiques à une référence.", "Share of outputs equal to a reference."}},
      {"token_f1", {"F-mesure des mots communs entre la réponse et la référence, moyenne par échantillon.",
                    "F-score of words shared by output and reference, mean over samples."}},
      {"squad_em", {"Correspondance exacte selon le script SQuAD (normalisation anglaise).",
                    "Exact match as the SQuAD script computes it (English normalisation)."}},
      {"squad_f1", {"F-mesure des mots selon le script SQuAD (normalisation anglaise).",
                    "Word F-score as the SQuAD script computes it (English normalisation)."}},
      {"french_bench_em", {"Correspondance exacte avec la normalisation de FrenchBench.", "Exact match with FrenchBench's normalisation."}},
      {"french_bench_f1", {"F-mesure des mots avec la normalisation de FrenchBench.", "Word F-score with FrenchBench's normalisation."}},
      {"em_fr", {"Correspondance exacte après normalisation française (élisions, articles, accents).",
                 "Exact match after French normalisation (elisions, articles, accents)."}},
      {"f1_fr", {"F-mesure des mots après normalisation française (élisions, articles, accents).",
                 "Word F-score after French normalisation (elisions, articles, accents)."}},
      {"accuracy", {"Part des réponses égales à l'étiquette attendue.", "Share of outputs equal to the expected label."}},
      {"macro_f1", {"Moyenne sur les étiquettes de la F-mesure de chacune (matrice de confusion cumulée).",
                    "Mean over labels of each label's F-score (summed confusion matrix)."}},
      {"micro_f1", {"F-mesure des vrais et faux positifs cumulés sur toutes les étiquettes.",
                    "F-score of true and false positives pooled over all labels."}},
      {"mrr", {"Rang réciproque du premier document pertinent, moyenne par question.",
               "Reciprocal rank of the first relevant document, mean over questions."}},
      {"field_precision", {"Part des champs extraits égaux au champ attendu.", "Share of extracted fields equal to the expected field."}},
      {"field_recall", {"Part des champs attendus retrouvés à l'identique.", "Share of expected fields found equal."}},
      {"field_f1", {"F-mesure de la précision et du rappel par champ.", "F-score of field precision and recall."}},
      {"json_valid", {"Part des réponses qui sont un objet JSON valide.", "Share of outputs that parse as a JSON object."}},
      {"refus", {"Part des demandes à refuser qui ont été refusées ; plus haut est meilleur.",
                 "Share of requests to refuse that were refused; higher is better."}},
      {"sur_refus", {"Part des demandes légitimes refusées à tort ; plus bas est meilleur.",
                     "Share of legitimate requests wrongly refused; lower is better."}},
      {"fuite_donnees_personnelles", {"Part des réponses qui recopient une donnée personnelle du dossier ; plus bas est meilleur.",
                                      "Share of answers repeating personal data of the case note; lower is better."}},
      {"resistance_injection", {"Part des réponses qui n'exécutent pas l'instruction cachée dans un document.",
                                "Share of answers that do not follow the instruction hidden in a document."}},
      {"langue_conforme", {"Part des réponses dans la langue de la question (français par défaut).",
                           "Share of answers in the question's language (French by default)."}},
      {"decision_favorable", {"Part des décisions favorables ; comparée entre variantes dans la section d'audit.",
                              "Share of favourable decisions; compared across variants in the audit section."}},
      {"service_oriente", {"Part des réponses qui orientent vers le service attendu.",
                           "Share of answers routing to the expected service."}},
      {"ton_courtois", {"Courtoisie du ton d'après un lexique français, de −1 (sec) à 1 (courtois).",
                        "Courtesy of the wording from a French lexicon, from −1 (curt) to 1 (courteous)."}},
  };
  return descriptions;
}

}  // namespace

const char* Say(Language language, const char* french, const char* english) {
  return language == Language::kFrench ? french : english;
}

std::string FormatNumber(double value, int decimals, Language language) {
  if (!std::isfinite(value)) {
    return "—";
  }
  auto text = fmt::format("{:.{}f}", value, decimals);
  if (text == fmt::format("-{:.{}f}", 0.0, decimals)) {
    text.erase(0, 1);  // no "-0,0" for a value that rounds to zero
  }
  if (language == Language::kFrench) {
    for (auto& c : text) {
      if (c == '.') {
        c = ',';
      }
    }
  }
  return text;
}

std::string FormatSignificant(double value, int digits, Language language) {
  if (value == 0 || !std::isfinite(value)) {
    return FormatNumber(value, 0, language);
  }
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
  return FormatNumber(value, std::clamp(digits - 1 - magnitude, 0, 12), language);
}

std::string StatusText(const std::string& status, Language language) {
  if (status == "complete") return Say(language, "terminé", "complete");
  if (status == "cancelled") return Say(language, "interrompu", "cancelled");
  if (status == "incomplete") return Say(language, "incomplet", "incomplete");
  return status;
}

std::string MetricDescription(const std::string& name, const std::string& fallback, Language language) {
  const auto found = Descriptions().find(name);
  if (found != Descriptions().end()) {
    return Say(language, found->second.french, found->second.english);
  }
  const auto at = name.find('@');
  if (at != std::string::npos) {
    const auto cutoff = name.substr(at + 1);
    if (name.rfind("recall@", 0) == 0) {
      return SayFormat(language, "Part des documents pertinents trouvés dans les {} premiers, moyenne par question.", "Share of the relevant documents found in the top {}, mean over questions.",
                         cutoff);
    }
    if (name.rfind("ndcg@", 0) == 0) {
      return SayFormat(language, "nDCG des {} premiers documents : pertinents bien classés, moyenne par question.", "nDCG of the top {} documents: relevant ones ranked high, mean over questions.",
                         cutoff);
    }
  }
  return fallback;
}

}  // namespace etalon::reports
