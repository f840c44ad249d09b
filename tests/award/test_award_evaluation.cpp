// The award table: each scoring formula on figures worked out by hand (the
// expected values are derived in the comments), eliminatory requirements
// with their reasons, and the degenerate cases (one offer, all equal, an
// offer missing from a run, ties, an offer without a price).
#include <catch2/catch.hpp>

#include "award/award_fixtures.hpp"
#include "etalon/award/award_evaluation.hpp"

using etalon::award::AwardTable;
using etalon::award::EliminationKind;
using etalon::award::EvaluateAward;
using etalon::award::Formula;
using etalon::award::FormulaShare;
using etalon::testing::Cell;
using etalon::testing::CriteriaFromYaml;
using etalon::testing::MakeInputs;
using etalon::testing::MakeOffer;

namespace {

// Technique 60 (F1 relative to the best), price 40 (lowest over candidate).
constexpr const char* kTwoCriteria =
    "criteria:\n"
    "  - label: Valeur technique\n    weight: 60\n"
    "    measure: {kind: metric, suite: qa, metric: f1}\n    formula: relative_to_best\n"
    "  - label: Prix\n    weight: 40\n"
    "    measure: {kind: yearly_price, suites: [qa]}\n    formula: lowest_over_candidate\n";

const etalon::award::OfferResult& Find(const AwardTable& table, const std::string& adapter) {
  for (const auto& offer : table.offers) {
    if (offer.offer.adapter == adapter) {
      return offer;
    }
  }
  FAIL("no offer " << adapter);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("lowest_over_candidate gives points x lowest price / candidate price", "[award]") {
  // 5,000 EUR is the lowest: 8,000 EUR earns 5,000 / 8,000 = 0.625 of the points.
  CHECK(FormulaShare(Formula::kLowestOverCandidate, false, 8000, 5000, 0, 0) == Approx(0.625));
  CHECK(FormulaShare(Formula::kLowestOverCandidate, false, 5000, 5000, 0, 0) == 1.0);
  // A free offer is the lowest: it earns everything, any priced offer nothing.
  CHECK(FormulaShare(Formula::kLowestOverCandidate, false, 0, 0, 0, 0) == 1.0);
  CHECK(FormulaShare(Formula::kLowestOverCandidate, false, 100, 0, 0, 0) == 0.0);
}

TEST_CASE("relative_to_best scales by the best figure in the measure's direction", "[award]") {
  // Higher is better: 0.6 / 0.8 = 0.75.
  CHECK(FormulaShare(Formula::kRelativeToBest, true, 0.6, 0.8, 0, 0) == Approx(0.75));
  // Lower is better (a WER): best / candidate = 0.2 / 0.5 = 0.4.
  CHECK(FormulaShare(Formula::kRelativeToBest, false, 0.5, 0.2, 0, 0) == Approx(0.4));
  // Nobody scored anything: nothing to be relative to, no points.
  CHECK(FormulaShare(Formula::kRelativeToBest, true, 0, 0, 0, 0) == 0.0);
}

TEST_CASE("linear goes from 0 points at the worse threshold to full points at the better one", "[award]") {
  // Higher is better, floor 0.10, ceiling 0.40: (0.25 - 0.10) / 0.30 = 0.5; clamped outside.
  CHECK(FormulaShare(Formula::kLinear, true, 0.25, 0, 0.10, 0.40) == Approx(0.5));
  CHECK(FormulaShare(Formula::kLinear, true, 0.05, 0, 0.10, 0.40) == 0.0);
  CHECK(FormulaShare(Formula::kLinear, true, 0.55, 0, 0.10, 0.40) == 1.0);
  // Lower is better, 200 to 1,000 ms: (1000 - 400) / 800 = 0.75.
  CHECK(FormulaShare(Formula::kLinear, false, 400, 0, 200, 1000) == Approx(0.75));
}

TEST_CASE("The award table of three offers, worked out by hand, with a tie for second place", "[award]") {
  // F1: A 0.8, B 0.6, C 0.4 -> technique 60 x f1 / 0.8 = 60, 45, 30.
  // Price: A 10,000, B 8,000, C 5,000 -> 40 x 5,000 / price = 20, 25, 40.
  // Totals: A 80, B 70, C 70: A first, B and C second ex aequo (B kept first, as given).
  const auto criteria = CriteriaFromYaml(kTwoCriteria);
  const auto table = EvaluateAward(criteria, MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.8}}, 10000)}}),
                                                         MakeOffer("C", {{"qa", Cell({{"f1", 0.4}}, 5000)}}),
                                                         MakeOffer("B", {{"qa", Cell({{"f1", 0.6}}, 8000)}})}));
  REQUIRE(table.offers.size() == 3);
  CHECK(table.offers[0].offer.adapter == "A");
  CHECK(table.offers[0].total == Approx(80));
  CHECK(table.offers[0].points[0] == Approx(60));
  CHECK(table.offers[0].points[1] == Approx(20));
  CHECK(table.offers[0].rank == 1);
  CHECK_FALSE(table.offers[0].tied);
  CHECK(table.offers[1].offer.adapter == "C");  // equal totals keep the input order
  CHECK(table.offers[1].total == Approx(70));
  CHECK(table.offers[2].total == Approx(70));
  CHECK(table.offers[1].rank == 2);
  CHECK(table.offers[2].rank == 2);
  CHECK(table.offers[1].tied);
  CHECK(table.offers[2].tied);
  CHECK(Find(table, "B").points[1] == Approx(25));
  CHECK(table.winner() == std::optional<std::size_t>(0));
  CHECK(*table.leaves[1].best == 5000);
}

TEST_CASE("Sub-criteria add up into their parent and the parent's points into the total", "[award]") {
  // Technique 60 = qa 40 (relative) + sum 20 (linear 0.1 to 0.4); price 40.
  // A: qa 0.5 (best) -> 40; rougeL 0.25 -> 20 x 0.5 = 10; technique 50; price 40 (only offer): total 90.
  const auto criteria = CriteriaFromYaml(
      "criteria:\n"
      "  - label: Valeur technique\n    weight: 60\n    criteria:\n"
      "      - label: Questions\n        weight: 40\n"
      "        measure: {kind: metric, suite: qa, metric: f1}\n        formula: relative_to_best\n"
      "      - label: Résumés\n        weight: 20\n"
      "        measure: {kind: metric, suite: sum, metric: rougeL}\n        formula: linear\n"
      "        floor: 0.1\n        ceiling: 0.4\n"
      "  - label: Prix\n    weight: 40\n"
      "    measure: {kind: yearly_price, suites: [qa, sum]}\n    formula: lowest_over_candidate\n");
  const auto table = EvaluateAward(
      criteria, MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.5}}, 1000)}, {"sum", Cell({{"rougeL", 0.25}}, 500)}})}));
  REQUIRE(table.nodes.size() == 4);
  CHECK(table.nodes[1].path == std::vector<std::string>{"Valeur technique", "Questions"});
  const auto& offer = table.offers.front();
  CHECK(offer.points[0] == Approx(50));
  CHECK(offer.points[1] == Approx(40));
  CHECK(offer.points[2] == Approx(10));
  CHECK(offer.points[3] == Approx(40));
  CHECK(offer.total == Approx(90));
  CHECK(*offer.values[2] == Approx(1500));  // the yearly price sums its suites
}

TEST_CASE("One offer alone is first with full points on relative formulas", "[award]") {
  const auto table =
      EvaluateAward(CriteriaFromYaml(kTwoCriteria), MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.3}}, 900)}})}));
  CHECK(table.offers.front().total == Approx(100));
  CHECK(table.offers.front().rank == 1);
  CHECK(table.winner() == std::optional<std::size_t>(0));
}

TEST_CASE("Offers with equal figures share the first rank and there is no single winner", "[award]") {
  const auto table = EvaluateAward(CriteriaFromYaml(kTwoCriteria),
                                   MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.5}}, 1000)}}),
                                               MakeOffer("B", {{"qa", Cell({{"f1", 0.5}}, 1000)}}),
                                               MakeOffer("C", {{"qa", Cell({{"f1", 0.5}}, 1000)}})}));
  for (const auto& offer : table.offers) {
    CHECK(offer.rank == 1);
    CHECK(offer.tied);
    CHECK(offer.total == Approx(100));
  }
  CHECK_FALSE(table.winner());
}

TEST_CASE("An offer missing from the runs' suite is eliminated and does not set the best figure", "[award]") {
  // B ran another suite only: eliminated with the suite named; A alone competes with full points.
  const auto table = EvaluateAward(CriteriaFromYaml(kTwoCriteria),
                                   MakeInputs({MakeOffer("B", {{"sum", Cell({{"f1", 0.9}}, 10)}}),
                                               MakeOffer("A", {{"qa", Cell({{"f1", 0.4}}, 2000)}})}));
  REQUIRE(table.competing() == 1);
  CHECK(table.offers[0].offer.adapter == "A");
  CHECK(table.offers[0].total == Approx(100));
  const auto& b = table.offers[1];
  CHECK(b.rank == 0);
  REQUIRE(b.eliminations.size() == 1);
  CHECK(b.eliminations[0].kind == EliminationKind::kSuiteNotRun);
  CHECK(b.eliminations[0].suite == "qa");
}

TEST_CASE("An offer without a yearly price is eliminated unless it declares one", "[award]") {
  // `base` is a local baseline: no catalog price, no server price. Declaring
  // 4,000 EUR a year puts it back in: price 40 x 2,000 / 4,000 = 20.
  const std::string yaml = std::string(kTwoCriteria);
  const auto inputs = MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.8}}, 2000)}}),
                                  MakeOffer("base", {{"qa", Cell({{"f1", 0.4}}, std::nullopt)}})});
  const auto without = EvaluateAward(CriteriaFromYaml(yaml), inputs);
  const auto& unpriced = Find(without, "base");
  REQUIRE(unpriced.eliminations.size() == 1);
  CHECK(unpriced.eliminations[0].kind == EliminationKind::kFigureMissing);
  CHECK(unpriced.eliminations[0].measure == etalon::award::MeasureKind::kYearlyPrice);

  auto declared_inputs = inputs;
  declared_inputs.offers[1].declared_yearly_price_eur = 4000;
  const auto with = EvaluateAward(CriteriaFromYaml(yaml), declared_inputs);
  const auto& priced = Find(with, "base");
  CHECK_FALSE(priced.eliminated());
  CHECK(priced.points[1] == Approx(20));
  CHECK(priced.total == Approx(50));  // 60 x 0.4 / 0.8 = 30, plus 20
}

TEST_CASE("Eliminatory requirements give every reason an offer fails", "[award]") {
  const auto criteria = CriteriaFromYaml(std::string(kTwoCriteria) +
                                         "requirements:\n"
                                         "  eu_hosting: true\n"
                                         "  licences: [apache-2.0, MIT]\n"
                                         "  scores:\n    - {suite: qa, metric: f1, min: 0.5}\n"
                                         "  max_error_rate: 0.02\n");
  auto outside = MakeOffer("outside", {{"qa", Cell({{"f1", 0.9}}, 100)}});
  outside.eu_hosting = false;
  outside.licence = "proprietary";
  auto unknown = MakeOffer("unknown", {{"qa", Cell({{"f1", 0.4}}, 100, std::nullopt, 0.05)}});
  unknown.eu_hosting.reset();
  unknown.licence.reset();
  const auto table = EvaluateAward(
      criteria, MakeInputs({outside, unknown, MakeOffer("fine", {{"qa", Cell({{"f1", 0.6}}, 100, std::nullopt, 0.02)}})}));
  CHECK(table.offers[0].offer.adapter == "fine");
  CHECK(table.offers[0].total == Approx(100));  // the eliminated 0.9 does not set the best F1
  const auto kinds = [&](const std::string& adapter) {
    std::vector<EliminationKind> found;
    for (const auto& elimination : Find(table, adapter).eliminations) {
      found.push_back(elimination.kind);
    }
    return found;
  };
  CHECK(kinds("outside") == std::vector<EliminationKind>{EliminationKind::kHostingOutsideEu,
                                                          EliminationKind::kLicenceNotAllowed});
  CHECK(kinds("unknown") == std::vector<EliminationKind>{EliminationKind::kHostingUnknown,
                                                          EliminationKind::kLicenceUnknown,
                                                          EliminationKind::kScoreBelowMinimum,
                                                          EliminationKind::kErrorRateAboveMaximum});
  const auto& below = Find(table, "unknown").eliminations[2];
  CHECK(*below.value == 0.4);
  CHECK(*below.limit == 0.5);
}

TEST_CASE("Criteria naming a metric no run has, or the price formula on a score, are refused", "[award]") {
  const auto inputs = MakeInputs({MakeOffer("A", {{"qa", Cell({{"f1", 0.8}}, 100)}})});
  const auto unknown = CriteriaFromYaml(
      "criteria:\n  - label: T\n    weight: 100\n"
      "    measure: {kind: metric, suite: qa, metric: bleu}\n    formula: relative_to_best\n");
  CHECK_THROWS_WITH(EvaluateAward(unknown, inputs),
                    Catch::Contains(":2: field 'measure.metric': no run given has metric 'bleu' on suite 'qa'"));
  const auto wrong_way = CriteriaFromYaml(
      "criteria:\n  - label: T\n    weight: 100\n"
      "    measure: {kind: metric, suite: qa, metric: f1}\n    formula: lowest_over_candidate\n");
  CHECK_THROWS_WITH(EvaluateAward(wrong_way, inputs), Catch::Contains("'f1' is higher-is-better"));
}
