// Tests for harness/integrity/answer_agreement_test.cpp. Hand counts: a
// probe with 3 stored and 3 current answers pooled has C(6, 3) = 20 splits;
// when stored are all "a" and current all "b", only the 2 splits that keep
// the a's together have no identical cross pair, so p = 2/20 = 0.1 per probe,
// and independent probes multiply.
#include <catch2/catch.hpp>

#include <cmath>

#include "etalon/integrity/answer_agreement_test.hpp"

using etalon::integrity::ProbeAnswers;
using etalon::integrity::TestAnswerAgreement;

TEST_CASE("Identical answers agree fully and are never significant", "[integrity][answers]") {
  const std::vector<ProbeAnswers> probes(4, ProbeAnswers{{"a", "a", "a"}, {"a", "a", "a"}});
  const auto result = TestAnswerAgreement(probes);
  CHECK(result.probes_compared == 4);
  CHECK(result.cross_pairs == 36);
  CHECK(result.cross_agreeing == 36);
  CHECK(result.cross_rate == Approx(1));
  CHECK(result.expected_cross_rate == Approx(1));
  CHECK(result.p_value == Approx(1));
}

TEST_CASE("A swapped deterministic model gives p = 0.1 per probe", "[integrity][answers]") {
  const ProbeAnswers swapped{{"a", "a", "a"}, {"b", "b", "b"}};
  CHECK(TestAnswerAgreement({swapped}).p_value == Approx(0.1));
  const auto six = TestAnswerAgreement(std::vector<ProbeAnswers>(6, swapped));
  CHECK(six.cross_agreeing == 0);
  CHECK(six.p_value == Approx(1e-6).epsilon(1e-9));
  // Each of the 6 same-answer pairs lands on both sides in 2 · 3/6 · 3/5 = 60 % of splits: 3.6 of 9 cross pairs.
  CHECK(six.expected_cross_rate == Approx(0.4));
}

TEST_CASE("A nondeterministic vendor's own disagreement is the baseline", "[integrity][answers]") {
  // Stored answers already disagree among themselves; the later ones look alike: no evidence of a swap.
  const ProbeAnswers noisy{{"a", "b", "a"}, {"b", "a", "a"}};
  const auto result = TestAnswerAgreement(std::vector<ProbeAnswers>(3, noisy));
  CHECK(result.cross_rate > 0.3);
  CHECK(result.p_value > 0.3);
}

TEST_CASE("Probes without answers on one side are left out", "[integrity][answers]") {
  const auto result = TestAnswerAgreement({ProbeAnswers{{"a"}, {}}, ProbeAnswers{{}, {}}});
  CHECK(result.probes_compared == 0);
  CHECK(result.cross_pairs == 0);
  CHECK(result.p_value == 1);
}
