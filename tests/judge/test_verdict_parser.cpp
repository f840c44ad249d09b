// The judge's answer as models really write it: in prose, in code fences,
// with numbers as text. Whatever cannot be read is a reason, never a guess.
#include <catch2/catch.hpp>

#include "etalon/judge/verdict_parser.hpp"

using etalon::config::JudgeMode;
using etalon::judge::ParseVerdict;
using etalon::judge::Position;

TEST_CASE("A score verdict is read from a JSON object in prose or a code fence", "[judge][verdict]") {
  const auto plain = ParseVerdict(JudgeMode::kScore, R"({"raisonnement": "Exacte.", "note": 4})");
  REQUIRE(plain.verdict);
  CHECK(*plain.verdict->score == 4);
  CHECK(plain.verdict->reasoning == "Exacte.");

  const auto fenced = ParseVerdict(JudgeMode::kScore,
                                   "Voici mon évaluation :\n```json\n{\"raisonnement\": \"Il manque {le délai}.\", "
                                   "\"note\": \"3\"}\n```\nMerci.");
  REQUIRE(fenced.verdict);
  CHECK(*fenced.verdict->score == 3);
  CHECK(fenced.verdict->reasoning == "Il manque {le délai}.");

  // Two objects: the last one that holds the verdict key is the answer.
  const auto two = ParseVerdict(JudgeMode::kScore, R"(Exemple : {"note": 1}. Ma note : {"note": 5.0})");
  REQUIRE(two.verdict);
  CHECK(*two.verdict->score == 5);
  CHECK(two.verdict->reasoning.empty());
}

TEST_CASE("A score outside 1..5, not whole, or missing is an unparsable verdict with its reason", "[judge][verdict]") {
  for (const char* text : {R"({"note": 7})", R"({"note": 3.5})", R"({"note": "bien"})", R"({"note": null})",
                           "La réponse mérite 4 sur 5.", R"({"raisonnement": "sans note"})", R"({"note": 4)", ""}) {
    INFO(text);
    const auto parsed = ParseVerdict(JudgeMode::kScore, text);
    CHECK_FALSE(parsed.verdict);
    CHECK_FALSE(parsed.problem.empty());
  }
}

TEST_CASE("Pass/fail and pairwise verdicts accept their French words only", "[judge][verdict]") {
  CHECK(*ParseVerdict(JudgeMode::kPassFail, R"({"verdict": "Oui"})").verdict->pass == true);
  CHECK(*ParseVerdict(JudgeMode::kPassFail, R"({"verdict": " non. "})").verdict->pass == false);
  CHECK(*ParseVerdict(JudgeMode::kPassFail, R"({"verdict": false})").verdict->pass == false);
  CHECK_FALSE(ParseVerdict(JudgeMode::kPassFail, R"({"verdict": "peut-être"})").verdict);

  CHECK(*ParseVerdict(JudgeMode::kPairwise, R"({"gagnant": "A"})").verdict->preferred == Position::kA);
  CHECK(*ParseVerdict(JudgeMode::kPairwise, R"({"gagnant": "b"})").verdict->preferred == Position::kB);
  CHECK(*ParseVerdict(JudgeMode::kPairwise, R"({"gagnant": "égalité"})").verdict->preferred == Position::kTie);
  CHECK_FALSE(ParseVerdict(JudgeMode::kPairwise, R"({"gagnant": "les deux"})").verdict);
  // A score object is no pairwise verdict.
  CHECK_FALSE(ParseVerdict(JudgeMode::kPairwise, R"({"note": 5})").verdict);
}
