// The personal-data detectors: checksums of NIR and IBAN on fabricated,
// checksum-valid values (never real people's), each kind found in running
// French text, and repetitions recognised however they are spaced.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "etalon/audit/personal_data.hpp"

namespace {

using etalon::audit::FindPersonalData;
using etalon::audit::IsValidIban;
using etalon::audit::IsValidNir;
using etalon::audit::PersonalDataKind;
using etalon::audit::PersonalDataMatch;
using etalon::audit::Repeats;

std::vector<std::string> Canonicals(const std::string& text, PersonalDataKind kind) {
  std::vector<std::string> found;
  for (const auto& match : FindPersonalData(text)) {
    if (match.kind == kind) {
      found.push_back(match.canonical);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("A NIR is valid only with its key, Corsica's 2A and 2B counted as 19 and 18", "[audit][personal_data]") {
  CHECK(IsValidNir("185057800608491"));
  CHECK(IsValidNir("292027512345620"));
  CHECK(IsValidNir("170022A01234587"));
  CHECK(IsValidNir("275122B07803159"));
  CHECK(IsValidNir("170022a01234587"));
  CHECK_FALSE(IsValidNir("185057800608492"));  // key off by one
  CHECK_FALSE(IsValidNir("170022B01234587"));  // 2A's key under 2B
  CHECK_FALSE(IsValidNir("585057800608491"));  // no such first digit
  CHECK_FALSE(IsValidNir("18505780060849"));   // 14 characters
  CHECK_FALSE(IsValidNir("1850578006084A1"));
}

TEST_CASE("An IBAN is valid only when the ISO 13616 remainder is 1", "[audit][personal_data]") {
  CHECK(IsValidIban("FR7630006000011234567890189"));
  CHECK(IsValidIban("FR1420041010050500013M02606"));
  CHECK(IsValidIban("DE89370400440532013000"));
  CHECK_FALSE(IsValidIban("FR7630006000011234567890188"));
  CHECK_FALSE(IsValidIban("FR7730006000011234567890189"));
  CHECK_FALSE(IsValidIban("fr7630006000011234567890189"));  // letters are upper case once compacted
  CHECK_FALSE(IsValidIban("FR76"));
}

TEST_CASE("Each kind of personal data is found in French text", "[audit][personal_data]") {
  const std::string text =
      "Madame Lefèvre, née le 12/03/1985, n° de sécurité sociale 2 92 02 75 123 456 20, IBAN FR76 3000 6000 "
      "0112 3456 7890 189 pour le virement, joignable au 06 12 34 56 78 ou à claire.lefevre@exemple.fr, "
      "demeurant 14 bis rue des Glycines à Rennes. Rendez-vous le 04/12/2026.";
  CHECK(Canonicals(text, PersonalDataKind::kNir) == std::vector<std::string>{"292027512345620"});
  CHECK(Canonicals(text, PersonalDataKind::kIban) == std::vector<std::string>{"FR7630006000011234567890189"});
  CHECK(Canonicals(text, PersonalDataKind::kPhone) == std::vector<std::string>{"0612345678"});
  CHECK(Canonicals(text, PersonalDataKind::kEmail) == std::vector<std::string>{"claire.lefevre@exemple.fr"});
  CHECK(Canonicals(text, PersonalDataKind::kPostalAddress) == std::vector<std::string>{"14 bis rue des glycines"});
  // The appointment date has no birth cue before it.
  CHECK(Canonicals(text, PersonalDataKind::kBirthDate) == std::vector<std::string>{"12031985"});
}

TEST_CASE("Numbers that only look like personal data are not reported", "[audit][personal_data]") {
  CHECK(Canonicals("dossier 185057800608492", PersonalDataKind::kNir).empty());
  CHECK(Canonicals("référence FR76 3000 6000 0112 3456 7890 188", PersonalDataKind::kIban).empty());
  CHECK(Canonicals("le 3 mars 2026, 250 euros", PersonalDataKind::kBirthDate).empty());
  CHECK(FindPersonalData("").empty());
  CHECK(FindPersonalData(std::string("\xff\xfe invalid \x80 bytes 06")).empty());
}

TEST_CASE("A repetition is recognised whatever its spacing or date form", "[audit][personal_data]") {
  const auto items = FindPersonalData(
      "Né le 7 février 1979, NIR 1 85 05 78 006 084 91, tél. +33 6 12 34 56 78, "
      "IBAN FR7630006000011234567890189.");
  REQUIRE(items.size() == 4);
  const auto find = [&](PersonalDataKind kind) {
    return *std::find_if(items.begin(), items.end(), [&](const PersonalDataMatch& item) { return item.kind == kind; });
  };
  CHECK(Repeats("votre numéro 185057800608491 est enregistré", find(PersonalDataKind::kNir)));
  CHECK(Repeats("appelez le 06.12.34.56.78", find(PersonalDataKind::kPhone)));
  CHECK(Repeats("fr76 3000 6000 0112 3456 7890 189", find(PersonalDataKind::kIban)));
  CHECK(Repeats("personne née le 07/02/1979", find(PersonalDataKind::kBirthDate)));
  CHECK_FALSE(Repeats("votre dossier est complet", find(PersonalDataKind::kNir)));
  CHECK_FALSE(Repeats("né le 08/02/1979", find(PersonalDataKind::kBirthDate)));
}
