#include "builtin/letter_field_extractor.hpp"

#include <array>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "builtin/folded_text.hpp"
#include "builtin/sample_fields.hpp"

namespace etalon::adapters {

namespace {

constexpr std::array<const char*, 12> kMonths = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream stream{std::string(text)};
  for (std::string line; std::getline(stream, line);) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
      continue;
    }
    lines.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
  }
  return lines;
}

// "12 mars 2024" / "1er mars 2024" / "12/03/2024" at `text`'s match -> "2024-03-12".
std::optional<std::string> FindDate(const std::string& text) {
  static const std::regex kWritten(
      R"((\d{1,2})(?:er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4}))",
      std::regex::icase);
  static const std::regex kNumeric(R"(\b(\d{1,2})/(\d{1,2})/(\d{4})\b)");
  std::smatch written;
  std::smatch numeric;
  const bool has_written = std::regex_search(text, written, kWritten);
  const bool has_numeric = std::regex_search(text, numeric, kNumeric);
  if (has_written && (!has_numeric || written.position(0) <= numeric.position(0))) {
    int month = 0;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (FoldForMatching(written[2].str()) == FoldForMatching(kMonths[i])) {
        month = static_cast<int>(i) + 1;
      }
    }
    return fmt::format("{}-{:02}-{:02}", written[3].str(), month, std::stoi(written[1].str()));
  }
  if (has_numeric) {
    return fmt::format("{}-{:02}-{:02}", numeric[3].str(), std::stoi(numeric[2].str()), std::stoi(numeric[1].str()));
  }
  return std::nullopt;
}

// A header line "Ville, le 3 mars 2024" gives the place and the letter's date.
struct Header {
  std::optional<std::string> place;
  std::optional<std::string> date;
};

Header FindHeader(const std::vector<std::string>& lines) {
  static const std::regex kPlaceDate(R"(^([^,0-9]{2,60}), le (.+)$)");
  Header header;
  for (const auto& line : lines) {
    std::smatch match;
    if (std::regex_search(line, match, kPlaceDate)) {
      if (auto date = FindDate(match[2].str())) {
        header.place = match[1].str();
        header.date = std::move(date);
        return header;
      }
    }
  }
  for (const auto& line : lines) {  // e-mail headers: "Date : ..."
    if (line.rfind("Date", 0) == 0) {
      header.date = FindDate(line);
      if (header.date) {
        return header;
      }
    }
  }
  return header;
}

std::optional<std::string> FindFileNumber(const std::string& text) {
  static const std::regex kAfterWord(
      R"((?:n°|N°|numéro|dossier|référence|réf\.?)\s*:?\s*(?:n°\s*)?([A-Z0-9][A-Z0-9/\-]*\d[A-Z0-9/\-]*))");
  static const std::regex kShaped(R"(\b([A-Z]{2,6}[-/]\d{2,4}[-/][A-Z0-9]+)\b)");
  std::smatch match;
  if (std::regex_search(text, match, kShaped)) {
    return match[1].str();
  }
  if (std::regex_search(text, match, kAfterWord)) {
    return match[1].str();
  }
  return std::nullopt;
}

std::optional<double> FindAmount(const std::string& text) {
  // "1 250,50 €", "1250 euros", "1 250 €" (with normal or narrow no-break spaces as thousands separators).
  static const std::regex kAmount(R"((\d{1,3}(?:(?: |\xC2\xA0|\xE2\x80\xAF)\d{3})+|\d+)(?:,(\d{1,2}))? ?(?:€|euros?\b))");
  std::smatch match;
  if (!std::regex_search(text, match, kAmount)) {
    return std::nullopt;
  }
  std::string digits;
  for (const char c : match[1].str()) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  double amount = std::stod(digits);
  if (match[2].matched) {
    const auto cents = match[2].str();
    amount += std::stod(cents) / (cents.size() == 1 ? 10.0 : 100.0);
  }
  return amount;
}

std::optional<std::string> FindMunicipality(const std::string& text, const Header& header) {
  if (header.place) {
    return header.place;
  }
  static const std::regex kCommune(R"((?:commune|mairie|ville) (?:de |d'|du )([A-ZÉÈ][\w\-'éèêàâîôûç]+(?:[\- ](?:sur|sous|en|les|lès|de|la|le|du|des|[A-ZÉÈ][\w'éèêàâîôûç]+))*))");
  std::smatch match;
  if (std::regex_search(text, match, kCommune)) {
    return match[1].str();
  }
  return std::nullopt;
}

// The signature: the last short line without digits or '@', titles removed.
std::optional<std::string> FindName(const std::vector<std::string>& lines) {
  static const std::regex kTitle(R"(^(?:M\.|Mme|Mlle|Madame|Monsieur|Dr)\s+)");
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    if (line->size() > 60 || line->find_first_of("0123456789@:") != std::string::npos) {
      continue;
    }
    const auto words = std::count(line->begin(), line->end(), ' ') + 1;
    if (words < 2 || words > 5 || line->back() == '.' || line->back() == ',') {
      continue;
    }
    return std::regex_replace(*line, kTitle, "");
  }
  return std::nullopt;
}

template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

const KeywordTable& DefaultActionKeywords() {
  static const KeywordTable table = [] {
    KeywordTable built;
    built.default_label = "information";
    const std::vector<std::pair<std::string, std::vector<std::string>>> words = {
        {"resiliation", {"resili*", "mettre fin", "annul* mon abonnement", "arret* mon contrat"}},
        {"contestation", {"contest*", "recours", "reclamation", "desaccord", "injustifi*", "erreur", "rembourse*"}},
        {"signalement", {"signal*", "dangereu*", "abandonn*", "degrad*", "fuite", "panne", "nid de poule"}},
        {"rendez_vous", {"rendez vous", "rendez-vous", "creneau", "recevoir en entretien", "annuler mon rendez"}},
        {"demande_aide", {"aide", "secours", "soutien financier", "allocation", "difficultes financieres"}},
        {"demande_document", {"copie", "extrait", "attestation", "certificat", "acte de", "duplicata", "m adresser le"}},
        {"modification_dossier", {"modifi*", "changement d adresse", "mettre a jour", "rectifi*", "nouvelle adresse"}},
        {"information", {"savoir si", "renseign*", "information*", "quelles sont", "comment"}},
    };
    for (const auto& [label, keywords] : words) {
      std::vector<std::string> patterns;
      for (const auto& keyword : keywords) {
        patterns.push_back(KeywordPattern(keyword));
      }
      built.labels.emplace_back(label, std::move(patterns));
    }
    return built;
  }();
  return table;
}

nlohmann::ordered_json ExtractLetterFields(std::string_view letter, const KeywordTable& actions) {
  const std::string text(letter);
  const auto lines = Lines(letter);
  const auto header = FindHeader(lines);
  nlohmann::ordered_json fields;
  fields["name"] = OrNull(FindName(lines));
  fields["date"] = OrNull(header.date ? header.date : FindDate(text));
  fields["file_number"] = OrNull(FindFileNumber(text));
  fields["amount"] = OrNull(FindAmount(text));
  fields["municipality"] = OrNull(FindMunicipality(text, header));
  fields["requested_action"] = RouteByKeywords(actions, letter);
  return fields;
}

LetterFieldExtractorAdapter::LetterFieldExtractorAdapter(std::string id, std::size_t threads,
                                                         std::chrono::milliseconds delay, std::string field)
    : PooledAdapter(std::move(id), threads, delay), field_(std::move(field)) {}

core::Response LetterFieldExtractorAdapter::Compute(const core::Request& request) {
  core::Response response;
  if (const auto* text = TextField(request, field_, response)) {
    response.text = ExtractLetterFields(*text, DefaultActionKeywords()).dump();
  }
  return response;
}

}  // namespace etalon::adapters
