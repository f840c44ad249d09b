#include "etalon/stats/bradley_terry.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

namespace etalon::stats {

namespace {

constexpr double kZ95 = 1.959963984540054;

// Every offer reaches every other along "won or tied against" edges.
bool StronglyConnected(const WinMatrix& wins) {
  const std::size_t k = wins.size();
  for (const bool forward : {true, false}) {
    std::vector<bool> seen(k, false);
    std::vector<std::size_t> stack{0};
    seen[0] = true;
    while (!stack.empty()) {
      const auto i = stack.back();
      stack.pop_back();
      for (std::size_t j = 0; j < k; ++j) {
        const double edge = forward ? wins[i][j] : wins[j][i];
        if (!seen[j] && edge > 0) {
          seen[j] = true;
          stack.push_back(j);
        }
      }
    }
    if (std::find(seen.begin(), seen.end(), false) != seen.end()) {
      return false;
    }
  }
  return true;
}

}  // namespace

BradleyTerryFit FitBradleyTerry(const WinMatrix& wins, double tolerance, std::size_t max_iterations) {
  BradleyTerryFit fit;
  const std::size_t k = wins.size();
  if (k < 2) {
    fit.problem = "fewer than two offers: nothing to rank";
    return fit;
  }
  if (!StronglyConnected(wins)) {
    fit.problem =
        "no maximum-likelihood estimate: some group of offers never won nor tied against the others "
        "(an offer that always loses or always wins has an infinite strength)";
    return fit;
  }
  std::vector<double> log_strength(k, 0.0);
  std::vector<double> strength(k, 1.0);
  for (fit.iterations = 1; fit.iterations <= max_iterations; ++fit.iterations) {
    std::vector<double> next(k);
    for (std::size_t i = 0; i < k; ++i) {
      double won = 0;
      double denominator = 0;
      for (std::size_t j = 0; j < k; ++j) {
        if (j != i) {
          won += wins[i][j];
          denominator += (wins[i][j] + wins[j][i]) / (strength[i] + strength[j]);
        }
      }
      next[i] = std::log(won / denominator);
    }
    double mean = 0;
    for (const double value : next) {
      mean += value / static_cast<double>(k);
    }
    double change = 0;
    for (std::size_t i = 0; i < k; ++i) {
      next[i] -= mean;
      change = std::max(change, std::abs(next[i] - log_strength[i]));
      log_strength[i] = next[i];
      strength[i] = std::exp(next[i]);
    }
    if (change < tolerance) {
      break;
    }
  }
  if (fit.iterations > max_iterations) {
    fit.problem = fmt::format("the fit did not converge in {} iterations", max_iterations);
    return fit;
  }

  // Observed information of the log-likelihood in t: a weighted Laplacian, singular along (1..1).
  // Its pseudo-inverse, (I + J/k)^-1 - J/k for a connected design, is the sum-zero covariance.
  Eigen::MatrixXd information = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      if (i == j) {
        continue;
      }
      const double p = strength[i] / (strength[i] + strength[j]);
      const double weight = (wins[i][j] + wins[j][i]) * p * (1 - p);
      information(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) -= weight;
      information(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) += weight;
    }
  }
  const Eigen::MatrixXd ones =
      Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k), 1.0 / static_cast<double>(k));
  const Eigen::MatrixXd covariance = (information + ones).inverse() - ones;
  fit.log_strengths = log_strength;
  for (std::size_t i = 0; i < k; ++i) {
    const double se = std::sqrt(std::max(0.0, covariance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i))));
    fit.standard_errors.push_back(se);
    fit.ci95_low.push_back(log_strength[i] - kZ95 * se);
    fit.ci95_high.push_back(log_strength[i] + kZ95 * se);
  }
  return fit;
}

}  // namespace etalon::stats
