#include "judgment_markdown.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "markdown_reporter.hpp"
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

void WriteOffers(const Json& judgments, Language language, std::ostream& out) {
  const bool score = judgments.at("rubric").at("mode") == "score";
  out << "| " << Say(language, "Adaptateur", "Adapter") << " | Suite | " << Say(language, "Jugées", "Judged")
      << " | " << Say(language, "Sans verdict", "No verdict") << " | "
      << (score ? Say(language, "Note moyenne (1-5)", "Mean score (1-5)") : Say(language, "Taux d'acceptation",
                                                                                 "Pass rate"))
      << " | " << Say(language, "Kappa (humains)", "Kappa (humans)") << " |\n|---|---|---:|---:|---:|---:|\n";
  for (const auto& offer : judgments.at("offers")) {
    const auto& figure = score ? offer.at("score") : offer.at("pass");
    const auto& agreement = offer.at("human_agreement");
    out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", EscapeMarkdownCell(offer.at("adapter").get<std::string>()),
                       EscapeMarkdownCell(offer.at("suite").get<std::string>()), offer.at("judged").get<std::size_t>(),
                       offer.at("failed").get<std::size_t>(),
                       WithInterval(score ? figure.at("mean") : figure.at("rate"), figure.at("ci95"), score ? 2 : 3,
                                    language),
                       agreement.is_null() ? "—"
                                           : WithInterval(agreement.at("kappa"), agreement.at("ci95"), 2, language));
  }
  out << "\n";
}

void WritePairwise(const Json& judgments, Language language, std::ostream& out) {
  for (const auto& suite : judgments.at("pairwise")) {
    out << fmt::format("### {}\n\n", EscapeMarkdownCell(suite.at("suite").get<std::string>()));
    out << SayFormat(language,
                     "{} comparaisons posées dans les deux ordres ; ordres en désaccord (biais de position) : {} %.\n\n",
                     "{} comparisons asked in both orders; orders disagreeing (position bias): {}%.\n\n",
                     suite.at("comparisons").get<std::size_t>(),
                     suite.at("position_bias_rate").is_number()
                         ? FormatNumber(100 * suite.at("position_bias_rate").get<double>(), 1, language)
                         : "—");
    if (suite.at("bradley_terry").at("problem").is_string()) {
      out << Say(language, "Classement de Bradley-Terry impossible : ", "No Bradley-Terry ranking: ")
          << EscapeMarkdownCell(suite.at("bradley_terry").at("problem").get<std::string>()) << "\n\n";
    }
    out << "| " << Say(language, "Adaptateur", "Adapter") << " | " << Say(language, "Victoires", "Wins") << " | "
        << Say(language, "Défaites", "Losses") << " | " << Say(language, "Égalités", "Ties") << " | "
        << Say(language, "Force (log, Bradley-Terry)", "Strength (log, Bradley-Terry)") << " |\n"
        << "|---|---:|---:|---:|---:|\n";
    for (const auto& offer : suite.at("offers")) {
      out << fmt::format("| {} | {} | {} | {} | {} |\n", EscapeMarkdownCell(offer.at("adapter").get<std::string>()),
                         offer.at("wins").get<std::size_t>(), offer.at("losses").get<std::size_t>(),
                         offer.at("ties").get<std::size_t>(),
                         WithInterval(offer.at("log_strength"), offer.at("ci95"), 2, language));
    }
    out << "\n";
  }
}

}  // namespace

void WriteJudgmentMarkdown(const std::string& run_folder, Language language, std::ostream& out) {
  const auto path = (std::filesystem::path(run_folder) / "judgments.json").string();
  std::ifstream in(path);
  if (!in) {
    return;
  }
  try {
    const auto judgments = Json::parse(in);
    const auto& rubric = judgments.at("rubric");
    const auto& judge = judgments.at("judge");
    out << "\n## " << Say(language, "Évaluation par un modèle juge", "Judged by a model") << "\n\n";
    out << SayFormat(language, "Juge : {} (`{}`), grille `{}` version {} (sha256 `{}`).\n\n",
                     "Judge: {} (`{}`), rubric `{}` version {} (sha256 `{}`).\n\n",
                     EscapeMarkdownCell(judge.at("id").get<std::string>()),
                     EscapeMarkdownCell(judge.at("model").get<std::string>()),
                     EscapeMarkdownCell(rubric.at("id").get<std::string>()), rubric.at("version").get<int>(),
                     rubric.at("sha256").get<std::string>());
    if (rubric.at("mode") == "pairwise") {
      WritePairwise(judgments, language, out);
    } else {
      WriteOffers(judgments, language, out);
    }
    const auto& spend = judgments.at("judge_spend");
    out << SayFormat(language,
                     "Coût propre du juge, hors coût des offres : {} requêtes, {} €, énergie estimée {} J.\n",
                     "The judge's own cost, apart from the offers': {} requests, EUR {}, estimated energy {} J.\n",
                     spend.at("requests").get<std::size_t>(),
                     spend.at("eur").is_number() ? FormatSignificant(spend.at("eur").get<double>(), 3, language) : "—",
                     spend.at("energy").at("estimated_joules").is_number()
                         ? FormatSignificant(spend.at("energy").at("estimated_joules").get<double>(), 3, language)
                         : "—");
  } catch (const Json::exception& error) {
    throw std::runtime_error(fmt::format("{}: missing or malformed field: {}", path, error.what()));
  }
}

}  // namespace etalon::reports
