#include "judgment_view.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

std::string Figure(const Json& value, int decimals, Language language) {
  return value.is_number() ? FormatNumber(value.get<double>(), decimals, language) : "—";
}

std::string WithInterval(const Json& value, const Json& interval, int decimals, Language language) {
  std::string cell = Figure(value, decimals, language);
  if (interval.is_object()) {
    cell += fmt::format(" [{} ; {}]", Figure(interval.at("low"), decimals, language),
                        Figure(interval.at("high"), decimals, language));
  }
  return cell;
}

JudgmentBlock OffersBlock(const Json& judgments, Language language) {
  const bool score = judgments.at("rubric").at("mode") == "score";
  JudgmentBlock block;
  block.notes.push_back(score ? Say(language, "Notes de 1 à 5, moyenne avec intervalle à 95 % (bootstrap BCa).",
                                    "Scores from 1 to 5, mean with a 95% interval (BCa bootstrap).")
                              : Say(language, "Part des réponses jugées acceptables, intervalle de Wilson à 95 %.",
                                    "Share of answers judged acceptable, 95% Wilson interval."));
  block.header = {Say(language, "Adaptateur", "Adapter"), "Suite", Say(language, "Jugées", "Judged"),
                  Say(language, "Sans verdict", "No verdict"),
                  score ? Say(language, "Note moyenne", "Mean score") : Say(language, "Taux d'acceptation", "Pass rate"),
                  Say(language, "Kappa (humains)", "Kappa (humans)")};
  for (const auto& offer : judgments.at("offers")) {
    const auto& figure = score ? offer.at("score") : offer.at("pass");
    const auto& agreement = offer.at("human_agreement");
    block.rows.push_back({offer.at("adapter").get<std::string>(), offer.at("suite").get<std::string>(),
                          std::to_string(offer.at("judged").get<std::size_t>()),
                          std::to_string(offer.at("failed").get<std::size_t>()),
                          WithInterval(score ? figure.at("mean") : figure.at("rate"), figure.at("ci95"),
                                       score ? 2 : 3, language),
                          agreement.is_null() ? "—"
                                              : WithInterval(agreement.at("kappa"), agreement.at("ci95"), 2, language)});
  }
  return block;
}

JudgmentBlock PairwiseBlock(const Json& suite, Language language) {
  JudgmentBlock block;
  block.heading = suite.at("suite").get<std::string>();
  block.notes.push_back(SayFormat(
      language, "{} comparaisons posées dans les deux ordres ; ordres en désaccord (biais de position) : {} %.",
      "{} comparisons asked in both orders; orders disagreeing (position bias): {}%.",
      suite.at("comparisons").get<std::size_t>(),
      suite.at("position_bias_rate").is_number()
          ? FormatNumber(100 * suite.at("position_bias_rate").get<double>(), 1, language)
          : "—"));
  if (suite.at("bradley_terry").at("problem").is_string()) {
    block.notes.push_back(Say(language, "Classement de Bradley-Terry impossible : ", "No Bradley-Terry ranking: ") +
                          suite.at("bradley_terry").at("problem").get<std::string>());
  }
  block.header = {Say(language, "Adaptateur", "Adapter"), Say(language, "Victoires", "Wins"),
                  Say(language, "Défaites", "Losses"), Say(language, "Égalités", "Ties"),
                  Say(language, "Force (log, Bradley-Terry, IC 95 %)", "Strength (log, Bradley-Terry, 95% CI)")};
  for (const auto& offer : suite.at("offers")) {
    block.rows.push_back({offer.at("adapter").get<std::string>(), std::to_string(offer.at("wins").get<std::size_t>()),
                          std::to_string(offer.at("losses").get<std::size_t>()),
                          std::to_string(offer.at("ties").get<std::size_t>()),
                          WithInterval(offer.at("log_strength"), offer.at("ci95"), 2, language)});
  }
  return block;
}

}  // namespace

std::optional<JudgmentView> LoadJudgmentView(const std::string& run_folder, Language language) {
  const auto path = (std::filesystem::path(run_folder) / "judgments.json").string();
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  try {
    const auto judgments = Json::parse(in);
    const auto& rubric = judgments.at("rubric");
    const auto& judge = judgments.at("judge");
    JudgmentView view;
    view.title = Say(language, "Évaluation par un modèle juge", "Judged by a model");
    view.judge_line = SayFormat(language, "Juge : {} ({}), grille {} version {} (sha256 {}).",
                                "Judge: {} ({}), rubric {} version {} (sha256 {}).", judge.at("id").get<std::string>(),
                                judge.at("model").get<std::string>(), rubric.at("id").get<std::string>(),
                                rubric.at("version").get<int>(), rubric.at("sha256").get<std::string>());
    if (rubric.at("mode") == "pairwise") {
      for (const auto& suite : judgments.at("pairwise")) {
        view.blocks.push_back(PairwiseBlock(suite, language));
      }
    } else {
      view.blocks.push_back(OffersBlock(judgments, language));
    }
    const auto& spend = judgments.at("judge_spend");
    view.spend_line = SayFormat(
        language, "Coût propre du juge, hors coût des offres : {} requêtes, {} €, énergie estimée {} J.",
        "The judge's own cost, apart from the offers': {} requests, EUR {}, estimated energy {} J.",
        spend.at("requests").get<std::size_t>(),
        spend.at("eur").is_number() ? FormatSignificant(spend.at("eur").get<double>(), 3, language) : "—",
        spend.at("energy").at("estimated_joules").is_number()
            ? FormatSignificant(spend.at("energy").at("estimated_joules").get<double>(), 3, language)
            : "—");
    return view;
  } catch (const Json::exception& error) {
    throw std::runtime_error(fmt::format("{}: missing or malformed field: {}", path, error.what()));
  }
}

}  // namespace etalon::reports
