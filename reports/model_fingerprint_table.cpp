#include "model_fingerprint_table.hpp"

#include "etalon/reports/probe_skip_reason.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

std::string Listed(const Json& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ", ") + value.get<std::string>();
  return text.empty() ? "—" : text;
}

std::string Median(const Json& quantiles, Language language) {
  return quantiles.is_object() ? FormatNumber(quantiles.at("p50").get<double>(), 1, language) : "—";
}

}  // namespace

std::string NotProbedReason(const std::string& code, Language language) {
  if (code == "local-adapter") {
    return Say(language, "adaptateur local : aucun fournisseur ne peut changer le modèle derrière lui",
               "local adapter: no vendor can swap the model behind it");
  }
  if (code == "not-chat-endpoint") {
    return Say(language, "point d'accès autre que le chat : les sondes sont des questions de chat",
               "not a chat endpoint: the probes are chat prompts");
  }
  if (code == "image-input") {
    return Say(language, "chaque requête porte une image : les sondes n'en ont pas",
               "every request carries an image: the probes have none");
  }
  if (code == "probes-off") {
    return Say(language, "le plan désactive les sondes (model_probes: false)", "the plan sets model_probes: false");
  }
  return code;
}

TextTable ModelFingerprintTable(const Json& summary, Language language) {
  TextTable table;
  table.caption = Say(language, "Empreintes des modèles (sondes rejouables par etalon verify-model)",
                      "Model fingerprints (probes that etalon verify-model asks again)");
  table.headings = {Say(language, "Adaptateur", "Adapter"),
                    Say(language, "Sondes", "Probes"),
                    Say(language, "Modèle servi", "Model served"),
                    "system_fingerprint",
                    Say(language, "Empreinte des réponses (sha256)", "Answers digest (sha256)"),
                    Say(language, "Accord entre répétitions", "Agreement between repeats"),
                    Say(language, "TTFT médian (ms)", "Median TTFT (ms)"),
                    Say(language, "Jetons de sortie", "Output tokens")};
  const auto found = summary.find("model_fingerprints");
  if (found == summary.end() || !found->is_object()) return table;
  const auto adapters = found->value("adapters", Json::object());
  if (adapters.empty()) {
    return table;  // only local adapters (or probes off): no vendor could swap a model behind them
  }
  const auto not_probed = found->value("not_probed", Json::object());
  for (const auto& [id, digest] : adapters.items()) {
    const auto& probes = digest.at("probe_set");
    const auto& agreement = digest.at("repeat_agreement");
    table.rows.push_back(
        {id,
         SayFormat(language, "{} v{} : {} requêtes, {} en erreur", "{} v{}: {} requests, {} failed",
                   probes.at("id").get<std::string>(), probes.at("version").get<int>(),
                   digest.at("requests").get<std::size_t>(), digest.at("failed").get<std::size_t>()),
         Listed(digest.at("served_models")), Listed(digest.at("system_fingerprints")),
         digest.at("answers_digest").get<std::string>(),
         agreement.is_number() ? FormatNumber(100 * agreement.get<double>(), 0, language) + " %" : "—",
         Median(digest.at("latency_ms").at("ttft"), language),
         std::to_string(digest.at("tokens").at("output").get<std::int64_t>())});
  }
  for (const auto& [id, reason] : not_probed.items()) {
    table.rows.push_back({id,
                          SayFormat(language, "non sondé : {}", "not probed: {}",
                                    NotProbedReason(reason.get<std::string>(), language)),
                          "—", "—", "—", "—", "—", "—"});
  }
  return table;
}

}  // namespace etalon::reports
