// Tests for adapters/builtin/french_sentence_splitter.cpp.
#include <catch2/catch.hpp>

#include "builtin/french_sentence_splitter.hpp"

using etalon::adapters::SplitFrenchSentences;
using Sentences = std::vector<std::string>;

TEST_CASE("Sentences end at terminal punctuation followed by a capital", "[adapters]") {
  CHECK(SplitFrenchSentences("Le conseil se réunit. Il vote le budget ! Qui est pour ? Tous.") ==
        Sentences{"Le conseil se réunit.", "Il vote le budget !", "Qui est pour ?", "Tous."});
}

TEST_CASE("Abbreviations and initials do not end a sentence", "[adapters]") {
  CHECK(SplitFrenchSentences("M. Dupont et Mme Martin citent l'art. 3 du règlement. Le Dr. Léa Roy et J. Petit approuvent.") ==
        Sentences{"M. Dupont et Mme Martin citent l'art. 3 du règlement.", "Le Dr. Léa Roy et J. Petit approuvent."});
}

TEST_CASE("Decimals, lower-case continuations and closing quotes are handled", "[adapters]") {
  CHECK(SplitFrenchSentences("Le taux passe à 3.5 % cette année. « Nous validons. » Puis la séance est levée... vers 20 h.") ==
        Sentences{"Le taux passe à 3.5 % cette année.", "« Nous validons. »", "Puis la séance est levée... vers 20 h."});
}

TEST_CASE("A blank line always ends a sentence, no empty sentences", "[adapters]") {
  CHECK(SplitFrenchSentences("Objet : budget 2025\n\nMadame, nous accusons réception.\n\n\n") ==
        Sentences{"Objet : budget 2025", "Madame, nous accusons réception."});
  CHECK(SplitFrenchSentences("   ").empty());
  CHECK(SplitFrenchSentences("\xff\xfe invalid").empty());
}
