// Tests for adapters/builtin/bm25_ranker.cpp. The expected score is worked by
// hand from the BM25 formula (k1 = 1.2, b = 0.75, Lucene idf).
#include <catch2/catch.hpp>

#include <cmath>

#include "builtin/bm25_ranker.hpp"

using etalon::adapters::BestPassage;
using etalon::adapters::Bm25Scores;
using etalon::adapters::FrenchContentTokens;

TEST_CASE("Function words are dropped, content words lower-cased", "[adapters]") {
  CHECK(FrenchContentTokens("Le délai de la demande est de 15 jours.") ==
        std::vector<std::string>{"délai", "demande", "15", "jours"});
}

TEST_CASE("BM25 scores match a hand computation", "[adapters]") {
  // Passages (content tokens): ["passeport", "mairie"], ["carte", "grise", "préfecture"].
  const std::vector<std::string> passages = {"Le passeport en mairie.", "La carte grise à la préfecture."};
  const auto scores = Bm25Scores(passages, "Où demander un passeport ?", {});
  // "passeport": N = 2, df = 1, idf = ln(1 + 1.5 / 1.5) = ln 2; tf = 1, |d| = 2, avgdl = 2.5.
  const double norm = 1 - 0.75 + 0.75 * 2 / 2.5;
  CHECK(scores[0] == Approx(std::log(2.0) * 2.2 / (1 + 1.2 * norm)));
  CHECK(scores[1] == 0);
  CHECK(BestPassage(scores) == 0);
}

TEST_CASE("With no shared word the first passage is chosen, ties go to the earliest", "[adapters]") {
  CHECK(BestPassage({0, 0, 0}) == 0);
  CHECK(BestPassage({1, 3, 3}) == 1);
}
