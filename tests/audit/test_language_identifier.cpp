// The character n-gram language identifier: its held-out accuracy on the
// shipped sentences it never learnt from, and plain cases.
#include <catch2/catch.hpp>

#include <iostream>

#include "etalon/audit/language_identifier.hpp"

using etalon::audit::LanguageCorpus;
using etalon::audit::LanguageIdentifier;

TEST_CASE("The shipped language identifier is measured on held-out sentences", "[audit][language]") {
  const auto& identifier = LanguageIdentifier::Shipped();
  CHECK(identifier.languages() == std::vector<std::string>{"de", "en", "es", "fr", "it"});
  REQUIRE(identifier.held_out().size() == 40);
  const double accuracy = identifier.HeldOutAccuracy();
  std::cout << "language identifier held-out accuracy: " << accuracy << " on " << identifier.held_out().size()
            << " sentences\n";
  CHECK(accuracy >= 0.95);
}

TEST_CASE("Answers are identified by their language", "[audit][language]") {
  const auto& identifier = LanguageIdentifier::Shipped();
  CHECK(identifier.Identify("Votre dossier de demande de logement social est complet.") == "fr");
  CHECK(identifier.Identify("Your application for social housing is complete.") == "en");
  CHECK(identifier.Identify("Su solicitud de vivienda social está completa.") == "es");
  CHECK(identifier.Identify("1234 5678 !!") == "");
  CHECK(identifier.Identify(std::string("\xff\xfe")) == "");
}

TEST_CASE("Held-out sentences are kept out of training", "[audit][language]") {
  // Two languages whose only distinguishing sentence is held out: training
  // sees identical text, so neither held-out sentence can be told apart.
  const std::string shared = "a\na\na\na\n";
  const LanguageIdentifier identifier({LanguageCorpus{"xx", shared + "zzzz\n"}, LanguageCorpus{"yy", shared + "qqqq\n"}});
  REQUIRE(identifier.held_out().size() == 2);
  CHECK(identifier.held_out()[0].text == "zzzz");
  CHECK(identifier.HeldOutAccuracy() == 0.5);
}
