#include "etalon/audit/personal_data.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace etalon::audit {

namespace {

// Patterns run on an ASCII-lowercased copy of the text: same length, so
// positions map back to the original, and UTF-8 bytes are left alone.
std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

// Letters upper-cased, everything but letters and digits removed.
std::string AlphanumericUpper(std::string_view text) {
  std::string kept;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      kept += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return kept;
}

std::string DigitsOnly(std::string_view text) {
  std::string kept;
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      kept += c;
    }
  }
  return kept;
}

std::string CollapseSpaces(std::string_view text) {
  std::string collapsed;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !collapsed.empty();
      continue;
    }
    if (space) {
      collapsed += ' ';
      space = false;
    }
    collapsed += c;
  }
  return collapsed;
}

// The remainder of a decimal number given as text, modulo 97, digit by digit
// (an IBAN's number has up to 68 digits).
int Mod97(std::string_view digits) {
  int remainder = 0;
  for (const char c : digits) {
    remainder = (remainder * 10 + (c - '0')) % 97;
  }
  return remainder;
}

const std::regex& NirPattern() {
  static const std::regex pattern(
      R"(\b([1-478])[ .]?(\d{2})[ .]?(\d{2})[ .]?(\d{2}|2a|2b)[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d{2})\b)");
  return pattern;
}

const std::regex& IbanPattern() {
  static const std::regex pattern(R"(\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\b)");
  return pattern;
}

const std::regex& PhonePattern() {
  static const std::regex pattern(R"((?:\+33 ?(?:\(0\) ?)?|\b0)[1-9](?:[ .-]?\d{2}){4}\b)");
  return pattern;
}

const std::regex& EmailPattern() {
  static const std::regex pattern(R"([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})");
  return pattern;
}

const std::regex& AddressPattern() {
  static const std::regex pattern(
      "\\b(\\d{1,4})(?: ?(?:bis|ter))?,? +(rue|avenue|boulevard|bd|place|all\xC3\xA9""e|allee|chemin|impasse|"
      "route|quai|cours|square|r\xC3\xA9sidence|residence)"
      // up to three words of the street name, stopping before "à Rennes" or "en mairie"
      "(?: +(?!(?:\xC3\xA0|au|en|chez)(?:[ ,.;:\n]|$))[^ ,.;:\n]+){1,3}");
  return pattern;
}

const std::regex& NumericDatePattern() {
  static const std::regex pattern(R"(\b(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})\b)");
  return pattern;
}

const std::regex& WordDatePattern() {
  static const std::regex pattern(
      "\\b(\\d{1,2})(?:er)? +(janvier|f\xC3\xA9vrier|fevrier|mars|avril|mai|juin|juillet|ao\xC3\xBBt|aout|"
      "septembre|octobre|novembre|d\xC3\xA9""cembre|decembre) +(\\d{4})\\b");
  return pattern;
}

int MonthNumber(const std::string& name) {
  static const std::array<std::array<const char*, 2>, 12> kMonths = {{{"janvier", "janvier"},
                                                                      {"f\xC3\xA9vrier", "fevrier"},
                                                                      {"mars", "mars"},
                                                                      {"avril", "avril"},
                                                                      {"mai", "mai"},
                                                                      {"juin", "juin"},
                                                                      {"juillet", "juillet"},
                                                                      {"ao\xC3\xBBt", "aout"},
                                                                      {"septembre", "septembre"},
                                                                      {"octobre", "octobre"},
                                                                      {"novembre", "novembre"},
                                                                      {"d\xC3\xA9""cembre", "decembre"}}};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i][0] || name == kMonths[i][1]) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

struct FoundDate {
  std::size_t position;
  std::size_t length;
  std::string canonical;  // DDMMYYYY
};

std::string CanonicalDate(int day, int month, const std::string& year) {
  if (day < 1 || day > 31 || month < 1 || month > 12) {
    return "";
  }
  std::string canonical = (day < 10 ? "0" : "") + std::to_string(day) + (month < 10 ? "0" : "") +
                          std::to_string(month) + year;
  return canonical;
}

// Every date in the (lowercased) text, numeric or with the month in words.
std::vector<FoundDate> FindDates(const std::string& lower) {
  std::vector<FoundDate> dates;
  for (auto it = std::sregex_iterator(lower.begin(), lower.end(), NumericDatePattern()); it != std::sregex_iterator();
       ++it) {
    auto canonical = CanonicalDate(std::stoi((*it)[1]), std::stoi((*it)[2]), (*it)[3]);
    if (!canonical.empty()) {
      dates.push_back({static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->length()),
                       std::move(canonical)});
    }
  }
  for (auto it = std::sregex_iterator(lower.begin(), lower.end(), WordDatePattern()); it != std::sregex_iterator();
       ++it) {
    auto canonical = CanonicalDate(std::stoi((*it)[1]), MonthNumber((*it)[2]), (*it)[3]);
    if (!canonical.empty()) {
      dates.push_back({static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->length()),
                       std::move(canonical)});
    }
  }
  return dates;
}

// How far before a date a birth cue ("née le", "date de naissance :") may sit.
constexpr std::size_t kBirthCueWindow = 40;

bool HasBirthCue(const std::string& lower, std::size_t date_position) {
  const std::size_t start = date_position > kBirthCueWindow ? date_position - kBirthCueWindow : 0;
  const std::string_view before = std::string_view(lower).substr(start, date_position - start);
  for (const std::string_view cue : {"n\xC3\xA9 ", "n\xC3\xA9""e ", "n\xC3\xA9(e)", "naissance", "na\xC3\xAEt",
                                     "nait", "ne le", "nee le"}) {
    if (before.find(cue) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

template <typename Each>
void ForEachMatch(const std::string& lower, const std::regex& pattern, Each each) {
  for (auto it = std::sregex_iterator(lower.begin(), lower.end(), pattern); it != std::sregex_iterator(); ++it) {
    each(*it);
  }
}

}  // namespace

std::string_view PersonalDataKindName(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::kNir: return "nir";
    case PersonalDataKind::kIban: return "iban";
    case PersonalDataKind::kPhone: return "telephone";
    case PersonalDataKind::kEmail: return "courriel";
    case PersonalDataKind::kPostalAddress: return "adresse";
    case PersonalDataKind::kBirthDate: return "date_naissance";
  }
  return "";
}

bool IsValidNir(std::string_view nir) {
  if (nir.size() != 15) {
    return false;
  }
  std::string digits(nir);
  const std::string department = AlphanumericUpper(nir.substr(5, 2));
  if (department == "2A" || department == "2B") {
    digits.replace(5, 2, department == "2A" ? "19" : "18");
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  if (std::string_view("123478").find(digits[0]) == std::string_view::npos) {
    return false;
  }
  const int key = std::stoi(digits.substr(13, 2));
  return key == 97 - Mod97(std::string_view(digits).substr(0, 13));
}

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) {
    return false;
  }
  for (std::size_t i = 0; i < iban.size(); ++i) {
    const auto c = static_cast<unsigned char>(iban[i]);
    const bool ok = i < 2 ? std::isupper(c) : i < 4 ? std::isdigit(c) : (std::isdigit(c) || std::isupper(c));
    if (!ok) {
      return false;
    }
  }
  std::string number;
  const std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  for (const char c : rearranged) {
    number += std::isdigit(static_cast<unsigned char>(c)) ? std::string(1, c) : std::to_string(c - 'A' + 10);
  }
  return Mod97(number) == 1;
}

std::vector<PersonalDataMatch> FindPersonalData(std::string_view text) {
  const std::string lower = AsciiLower(text);
  const auto original = [&](const std::smatch& match) {
    return std::string(text.substr(static_cast<std::size_t>(match.position()), static_cast<std::size_t>(match.length())));
  };
  std::vector<PersonalDataMatch> found;
  ForEachMatch(lower, NirPattern(), [&](const std::smatch& match) {
    const std::string compact = AlphanumericUpper(match.str());
    if (IsValidNir(compact)) {
      found.push_back({PersonalDataKind::kNir, original(match), compact});
    }
  });
  ForEachMatch(lower, IbanPattern(), [&](const std::smatch& match) {
    // The pattern may swallow a short word after the number: keep the longest valid prefix.
    const std::string compact = AlphanumericUpper(match.str());
    for (std::size_t length = compact.size(); length >= 15; --length) {
      if (IsValidIban(std::string_view(compact).substr(0, length))) {
        found.push_back({PersonalDataKind::kIban, original(match), compact.substr(0, length)});
        break;
      }
    }
  });
  ForEachMatch(lower, PhonePattern(), [&](const std::smatch& match) {
    const std::string digits = DigitsOnly(match.str());
    // +33 6 12 34 56 78 and 06 12 34 56 78 share their last nine digits.
    found.push_back({PersonalDataKind::kPhone, original(match), "0" + digits.substr(digits.size() - 9)});
  });
  ForEachMatch(lower, EmailPattern(), [&](const std::smatch& match) {
    found.push_back({PersonalDataKind::kEmail, original(match), match.str()});
  });
  ForEachMatch(lower, AddressPattern(), [&](const std::smatch& match) {
    found.push_back({PersonalDataKind::kPostalAddress, original(match), CollapseSpaces(match.str())});
  });
  for (const auto& date : FindDates(lower)) {
    if (HasBirthCue(lower, date.position)) {
      found.push_back({PersonalDataKind::kBirthDate, std::string(text.substr(date.position, date.length)),
                       date.canonical});
    }
  }
  return found;
}

bool Repeats(std::string_view text, const PersonalDataMatch& item) {
  switch (item.kind) {
    case PersonalDataKind::kNir:
    case PersonalDataKind::kIban:
      return AlphanumericUpper(text).find(item.canonical) != std::string::npos;
    case PersonalDataKind::kPhone:
      return DigitsOnly(text).find(item.canonical.substr(1)) != std::string::npos;
    case PersonalDataKind::kEmail:
    case PersonalDataKind::kPostalAddress:
      return CollapseSpaces(AsciiLower(text)).find(item.canonical) != std::string::npos;
    case PersonalDataKind::kBirthDate: {
      const auto dates = FindDates(AsciiLower(text));
      return std::any_of(dates.begin(), dates.end(), [&](const FoundDate& date) { return date.canonical == item.canonical; });
    }
  }
  return false;
}

}  // namespace etalon::audit
