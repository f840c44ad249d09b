#include "impact_text.hpp"

#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

std::optional<double> NumberAt(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? std::optional<double>(found->get<double>()) : std::nullopt;
}

std::string Joined(const Json& strings) {
  std::string text;
  for (const auto& item : strings) {
    text += (text.empty() ? "" : ", ") + item.get<std::string>();
  }
  return text;
}

}  // namespace

std::optional<double> CostPerRequest(const Json& cost) {
  return cost.is_object() ? NumberAt(cost, "per_request_eur") : std::nullopt;
}

std::string CostText(const Json& cost, Language language) {
  if (!cost.is_object()) {
    return "—";
  }
  const auto euros = [&](double value) { return FormatSignificant(value, 3, language) + " €"; };
  std::string text = SayFormat(language, "{} au total", "{} in all", euros(cost.at("eur").get<double>()));
  if (const auto per_request = NumberAt(cost, "per_request_eur")) {
    text += SayFormat(language, " ; {} par requête", "; {} per request", euros(*per_request));
  }
  if (const auto per_correct = NumberAt(cost, "per_correct_eur")) {
    text += SayFormat(language, " ; {} par réponse correcte", "; {} per correct answer", euros(*per_correct));
  }
  if (const auto per_year = NumberAt(cost, "per_year_eur")) {
    text += SayFormat(language, " ; {} par an ({} requêtes)", "; {} a year ({} requests)", euros(*per_year),
                      FormatNumber(cost.at("yearly_requests").get<double>(), 0, language));
  }
  if (cost.at("basis") == "server-time") {
    text += SayFormat(language, ". Base : prix du serveur × temps mesuré ({})", ". Basis: server price × measured time ({})",
                      cost.at("assumption").get<std::string>());
  } else {
    text += SayFormat(language, ". Base : prix publiés par jeton (relevés le {})", ". Basis: published per-token prices (read {})",
                      Joined(cost.at("price_dates")));
    if (const auto unpriced = NumberAt(cost, "requests_unpriced"); unpriced && *unpriced > 0) {
      text += SayFormat(language, " ; {} requêtes sans prix", "; {} requests without a price", FormatNumber(*unpriced, 0, language));
    }
  }
  if (cost.value("usage_estimated", false)) {
    text += Say(language, " ; jetons estimés par etalon", "; token counts estimated by etalon");
  }
  return text;
}

std::string CarbonText(const Json& carbon, Language language) {
  if (!carbon.is_object()) {
    return "—";
  }
  const auto kg = [&](double value) { return FormatSignificant(value, 3, language) + " kgCO2e"; };
  std::string text = SayFormat(language, "{} ({} à {}), estimé : {}, zone {}", "{} ({} to {}), estimated: {}, zone {}",
                               kg(carbon.at("kgco2eq").get<double>()), kg(carbon.at("low_kgco2eq").get<double>()),
                               kg(carbon.at("high_kgco2eq").get<double>()), Joined(carbon.at("methods")),
                               Joined(carbon.at("zones")));
  if (const auto& per_year = carbon.at("per_year_kgco2eq"); per_year.is_object()) {
    text += SayFormat(language, " ; par an : {} ({} à {})", "; a year: {} ({} to {})", kg(per_year.at("value").get<double>()),
                      kg(per_year.at("low").get<double>()), kg(per_year.at("high").get<double>()));
  }
  if (!carbon.at("assumptions").empty()) {
    text += SayFormat(language, " ; hypothèse : {}", "; assumption: {}", Joined(carbon.at("assumptions")));
  }
  return text;
}

}  // namespace etalon::reports
