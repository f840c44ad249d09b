// Tests for adapters/builtin/keyword_router.cpp and folded_text.cpp.
#include <catch2/catch.hpp>

#include "builtin/folded_text.hpp"
#include "builtin/keyword_router.hpp"
#include "support/temp_dir.hpp"

using etalon::adapters::FoldForMatching;
using etalon::adapters::KeywordTable;
using etalon::adapters::LoadKeywordTable;
using etalon::adapters::RouteByKeywords;

TEST_CASE("Folding removes case, accents and punctuation", "[adapters]") {
  CHECK(FoldForMatching("L'État  a reçu… «OK»") == " l etat a recu ok ");
  CHECK(FoldForMatching("") == " ");
}

TEST_CASE("Routing picks the label with most keyword hits, whole words or prefixes", "[adapters]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("k.yaml",
                              "default: autre\nlabels:\n  scolarite: [école, inscri*]\n  voirie: [trottoir, rue]\n");
  const auto loaded = LoadKeywordTable(path);
  REQUIRE(std::holds_alternative<KeywordTable>(loaded));
  const auto& table = std::get<KeywordTable>(loaded);
  CHECK(RouteByKeywords(table, "Je voudrais INSCRIRE ma fille à l'ECOLE.") == "scolarite");
  CHECK(RouteByKeywords(table, "Le trottoir de la rue Pasteur est cassé.") == "voirie");
  CHECK(RouteByKeywords(table, "Une écorue") == "autre");  // no whole-word hit: "rue" inside a word
  CHECK(RouteByKeywords(table, "Bonjour") == "autre");
}

TEST_CASE("A malformed keyword file is an error naming it", "[adapters]") {
  etalon::testing::TempDir dir;
  const auto missing = LoadKeywordTable(dir.Write("k.yaml", "labels: {a: [x]}\n"));
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK_THAT(std::get<std::string>(missing), Catch::Contains("k.yaml: needs `default: <label>`"));
  const auto wrong = LoadKeywordTable(dir.Write("w.yaml", "default: a\nlabels:\n  a: x\n"));
  CHECK_THAT(std::get<std::string>(wrong), Catch::Contains("w.yaml:3: field 'labels.a': must be a list"));
}
