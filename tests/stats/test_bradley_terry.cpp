// Bradley-Terry fits against cases worked by hand. With two offers the
// maximum-likelihood difference of log-strengths is the log of the win
// ratio, d = ln(w_AB / w_BA); the information for d is n p (1 - p), so
// Var(d) = 1 / (n p (1 - p)) and, under the sum-zero constraint
// (t_A = d/2, t_B = -d/2), Var(t_A) = Var(d) / 4.
#include <catch2/catch.hpp>

#include <cmath>

#include "etalon/stats/bradley_terry.hpp"

using etalon::stats::FitBradleyTerry;
using etalon::stats::WinMatrix;

TEST_CASE("Bradley-Terry with two offers, 3 wins to 1: strengths +-ln(3)/2, standard error sqrt(1/3)",
          "[stats][bradley-terry]") {
  const auto fit = FitBradleyTerry({{0, 3}, {1, 0}});
  REQUIRE_FALSE(fit.problem);
  CHECK(fit.log_strengths[0] == Approx(std::log(3.0) / 2).margin(1e-9));
  CHECK(fit.log_strengths[1] == Approx(-std::log(3.0) / 2).margin(1e-9));
  // n = 4, p = 3/4: information 4 * 3/4 * 1/4 = 0.75, Var(d) = 4/3, Var(t_A) = 1/3.
  CHECK(fit.standard_errors[0] == Approx(std::sqrt(1.0 / 3)).epsilon(1e-7));
  CHECK(fit.standard_errors[1] == Approx(std::sqrt(1.0 / 3)).epsilon(1e-7));
  CHECK(fit.ci95_low[0] == Approx(std::log(3.0) / 2 - 1.959963984540054 * std::sqrt(1.0 / 3)).epsilon(1e-7));
  CHECK(fit.ci95_high[0] == Approx(std::log(3.0) / 2 + 1.959963984540054 * std::sqrt(1.0 / 3)).epsilon(1e-7));
}

TEST_CASE("Bradley-Terry counts a tie as half a win to each side", "[stats][bradley-terry]") {
  // 4 clear wins for A and one tie: 4.5 against 0.5, d = ln 9, t_A = ln 3.
  // n = 5, p = 0.9: Var(d) = 1 / (5 * 0.09), Var(t_A) = Var(d) / 4, SE = 0.745356.
  const auto fit = FitBradleyTerry({{0, 4.5}, {0.5, 0}});
  REQUIRE_FALSE(fit.problem);
  CHECK(fit.log_strengths[0] == Approx(std::log(3.0)).margin(1e-9));
  CHECK(fit.standard_errors[0] == Approx(0.7453559924999299).epsilon(1e-7));
}

TEST_CASE("Bradley-Terry with three offers solves the likelihood equations and sums to zero",
          "[stats][bradley-terry]") {
  // The maximum satisfies, for every offer, wins = expected wins: W_i = sum_j n_ij p_ij.
  const WinMatrix wins = {{0, 2, 3}, {1, 0, 2}, {1, 1, 0}};
  const auto fit = FitBradleyTerry(wins);
  REQUIRE_FALSE(fit.problem);
  double total = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    total += fit.log_strengths[i];
    double won = 0;
    double expected = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      if (i != j) {
        won += wins[i][j];
        const double p = 1 / (1 + std::exp(fit.log_strengths[j] - fit.log_strengths[i]));
        expected += (wins[i][j] + wins[j][i]) * p;
      }
    }
    CHECK(won == Approx(expected).epsilon(1e-8));
  }
  CHECK(total == Approx(0).margin(1e-12));
  CHECK(fit.log_strengths[0] > fit.log_strengths[1]);
  CHECK(fit.log_strengths[1] > fit.log_strengths[2]);
}

TEST_CASE("Bradley-Terry gives equal offers equal strengths and standard errors", "[stats][bradley-terry]") {
  // A beats B, B beats C, C beats A, twice each: every offer wins 2 of 4.
  const auto fit = FitBradleyTerry({{0, 2, 0}, {0, 0, 2}, {2, 0, 0}});
  REQUIRE_FALSE(fit.problem);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(fit.log_strengths[i] == Approx(0).margin(1e-9));
    CHECK(fit.standard_errors[i] == Approx(fit.standard_errors[0]));
  }
  CHECK(fit.standard_errors[0] > 0);
}

TEST_CASE("Bradley-Terry refuses degenerate designs with a reason", "[stats][bradley-terry]") {
  CHECK(FitBradleyTerry({{0}}).problem);                        // one offer
  CHECK(FitBradleyTerry({{0, 3}, {0, 0}}).problem);             // B never won nor tied: t_B = -infinity
  CHECK(FitBradleyTerry({{0, 0}, {0, 0}}).problem);             // never compared
  CHECK(FitBradleyTerry({{0, 1, 0}, {1, 0, 0}, {0, 0, 0}}).problem);  // C compared with no one
}

TEST_CASE("Bradley-Terry is deterministic and follows a relabelling of the offers", "[stats][bradley-terry]") {
  const auto fit = FitBradleyTerry({{0, 2, 3}, {1, 0, 2}, {1, 1, 0}});
  const auto again = FitBradleyTerry({{0, 2, 3}, {1, 0, 2}, {1, 1, 0}});
  CHECK(fit.log_strengths == again.log_strengths);
  CHECK(fit.standard_errors == again.standard_errors);
  // Offers in reverse order: C, B, A.
  const auto reversed = FitBradleyTerry({{0, 1, 1}, {2, 0, 1}, {3, 2, 0}});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(reversed.log_strengths[2 - i] == Approx(fit.log_strengths[i]).margin(1e-9));
    CHECK(reversed.standard_errors[2 - i] == Approx(fit.standard_errors[i]).epsilon(1e-7));
  }
}
