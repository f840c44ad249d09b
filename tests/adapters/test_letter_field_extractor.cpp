// Tests for adapters/builtin/letter_field_extractor.cpp on letters written for the test.
#include <catch2/catch.hpp>

#include "builtin/letter_field_extractor.hpp"

using etalon::adapters::DefaultActionKeywords;
using etalon::adapters::ExtractLetterFields;

TEST_CASE("A classic letter yields every field", "[adapters]") {
  const auto fields = ExtractLetterFields(
      "Saint-Aubin-sur-Loire, le 3 mars 2024\n\nMadame, Monsieur,\n\n"
      "Je conteste la facture de 1 250,50 € reçue le 12 février 2024 pour le dossier URB-2024-0153.\n"
      "Je vous prie d'agréer mes salutations.\n\nMme Claire Dubois\n",
      DefaultActionKeywords());
  CHECK(fields["name"] == "Claire Dubois");
  CHECK(fields["date"] == "2024-03-03");
  CHECK(fields["file_number"] == "URB-2024-0153");
  CHECK(fields["amount"] == Approx(1250.5));
  CHECK(fields["municipality"] == "Saint-Aubin-sur-Loire");
  CHECK(fields["requested_action"] == "contestation");
}

TEST_CASE("Absent fields are null, numeric dates are converted", "[adapters]") {
  const auto fields = ExtractLetterFields(
      "Bonjour,\nPourriez-vous m'adresser une copie de l'acte de mariage ? Merci.\nLe 05/11/2023\nPaul Martin\n",
      DefaultActionKeywords());
  CHECK(fields["date"] == "2023-11-05");
  CHECK(fields["amount"].is_null());
  CHECK(fields["file_number"].is_null());
  CHECK(fields["municipality"].is_null());
  CHECK(fields["name"] == "Paul Martin");
  CHECK(fields["requested_action"] == "demande_document");
}
