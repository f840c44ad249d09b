#include "model_verification_text.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace etalon::cli {

namespace {

using reports::Language;

const char* Say(Language language, const char* french, const char* english) {
  return language == Language::kFrench ? french : english;
}

// Decimal comma in French, point in English.
std::string Number(double value, const char* format, Language language) {
  auto text = fmt::format(fmt::runtime(format), value);
  if (language == Language::kFrench) {
    for (auto& c : text) {
      if (c == '.') c = ',';
    }
  }
  return text;
}

std::string PValue(const std::optional<double>& p, Language language) {
  return p ? Number(*p, "{:.2g}", language) : std::string("—");
}

std::string Percent(const std::optional<double>& rate, Language language) {
  return rate ? Number(100 * *rate, "{:.0f}", language) + (language == Language::kFrench ? " %" : "%")
              : std::string("—");
}

std::string Joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ", ") + value;
  return text.empty() ? std::string("—") : text;
}

const char* VerdictWord(integrity::Verdict verdict, Language language) {
  switch (verdict) {
    case integrity::Verdict::kSame:
      return Say(language, "identique", "same");
    case integrity::Verdict::kDrifted:
      return Say(language, "dérivé", "drifted");
    case integrity::Verdict::kDifferent:
      return Say(language, "différent", "different");
  }
  return "";
}

}  // namespace

std::string ModelVerificationText(const std::string& adapter_id, const integrity::ModelFingerprint& stored,
                                  const integrity::ModelComparison& comparison, Language language) {
  const auto& probes = stored.probe_set;
  std::string text = fmt::format(
      fmt::runtime(Say(language, "Vérification du modèle de l'adaptateur « {} » : empreinte du {}, sondes {} v{} ({} × {})\n",
                       "Model verification of adapter '{}': fingerprint of {}, probes {} v{} ({} × {})\n")),
      adapter_id, stored.collected_at, probes.id, probes.version, probes.probes.size(), probes.repeats);
  text += fmt::format(fmt::runtime(Say(language, "Verdict : {}\n", "Verdict: {}\n")),
                      VerdictWord(comparison.verdict, language));
  text += fmt::format(fmt::runtime(Say(language, "- modèle déclaré : avant {}, maintenant {}{}\n",
                                       "- reported model: before {}, now {}{}\n")),
                      Joined(comparison.stored_models), Joined(comparison.current_models),
                      comparison.model_changed ? Say(language, " (changé)", " (changed)") : "");
  text += fmt::format(
      fmt::runtime(Say(language, "- system_fingerprint : avant {}, maintenant {}{}\n",
                       "- system_fingerprint: before {}, now {}{}\n")),
      Joined(comparison.stored_system_fingerprints), Joined(comparison.current_system_fingerprints),
      comparison.system_fingerprint_changed
          ? Say(language, " (changé : un indice, pas une preuve à lui seul)", " (changed: a hint, not proof on its own)")
          : "");
  const auto& answers = comparison.answers;
  text += fmt::format(
      fmt::runtime(Say(language,
                       "- réponses : accord entre répétitions {} avant, {} maintenant ; accord avec les réponses "
                       "enregistrées {} ({}/{} paires, {} attendu) ; test exact p = {}, Holm p = {}{}\n",
                       "- answers: agreement between repeats {} before, {} now; agreement with the stored answers {} "
                       "({}/{} pairs, {} expected); exact test p = {}, Holm p = {}{}\n")),
      Percent(comparison.stored_repeat_agreement, language), Percent(comparison.current_repeat_agreement, language),
      Percent(answers.cross_pairs > 0 ? std::optional<double>(answers.cross_rate) : std::nullopt, language),
      answers.cross_agreeing, answers.cross_pairs,
      Percent(answers.cross_pairs > 0 ? std::optional<double>(answers.expected_cross_rate) : std::nullopt, language),
      answers.cross_pairs > 0 ? PValue(answers.p_value, language) : "—",
      PValue(comparison.answers_adjusted_p_value, language),
      comparison.answers_disagree ? Say(language, " → désaccord", " → disagree") : "");
  for (const auto& d : comparison.distributions) {
    if (!d.p_value) {
      text += fmt::format(fmt::runtime(Say(language, "- {} : non testé ({} et {} valeurs)\n",
                                           "- {}: not tested ({} and {} values)\n")),
                          d.figure, d.stored_n, d.current_n);
      continue;
    }
    text += fmt::format(
        fmt::runtime(Say(language, "- {} : médiane {} → {} (écart retenu à partir de {}), rangs p = {}, Holm p = {}{}\n",
                         "- {}: median {} → {} (shift counted from {}), rank-sum p = {}, Holm p = {}{}\n")),
        d.figure, Number(*d.stored_median, "{:.1f}", language), Number(*d.current_median, "{:.1f}", language),
        Number(d.floor, "{:.1f}", language), PValue(d.p_value, language), PValue(d.adjusted_p_value, language),
        d.moved ? Say(language, " → déplacé", " → moved") : "");
  }
  if (comparison.stored_failed + comparison.current_failed > 0) {
    text += fmt::format(fmt::runtime(Say(language, "- sondes en erreur : {} avant, {} maintenant (exclues des tests)\n",
                                         "- failed probes: {} before, {} now (left out of the tests)\n")),
                        comparison.stored_failed, comparison.current_failed);
  }
  text += fmt::format(fmt::runtime(Say(language, "Seuil : risque de fausse alerte {} par vérification (Holm sur {} tests)\n",
                                       "Threshold: false-alarm risk {} per verification (Holm over {} tests)\n")),
                      Number(comparison.settings.alpha, "{:g}", language),
                      (comparison.answers.cross_pairs > 0 ? 1 : 0) +
                          std::count_if(comparison.distributions.begin(), comparison.distributions.end(),
                                        [](const auto& d) { return d.p_value.has_value(); }));
  return text;
}

}  // namespace etalon::cli
