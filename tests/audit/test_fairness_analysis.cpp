// Counterfactual fairness figures on hand-built observations: identical
// treatment gives full consistency and no gap; treatment by origin gives a
// gap whose bootstrap interval excludes zero, and the pairs that show it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "etalon/audit/fairness_analysis.hpp"

namespace {

using etalon::audit::AnalyseFairness;
using etalon::audit::FairnessObservation;

// `requests` requests, each answered for two origins; `decide` gives the decision.
template <typename Decide>
std::vector<FairnessObservation> Observations(int requests, Decide decide) {
  std::vector<FairnessObservation> observations;
  for (int request = 0; request < requests; ++request) {
    for (const std::string origin : {"a", "b"}) {
      const std::string id = "r" + std::to_string(request) + "-" + origin;
      observations.push_back({id, "r" + std::to_string(request), {{"origine", origin}}, decide(request, origin),
                              "emploi", origin == "a" ? 40.0 : 10.0, 0.5});
    }
  }
  return observations;
}

const etalon::stats::BootstrapSettings kSettings{500, 7, 0.95};

}  // namespace

TEST_CASE("Variants treated alike are fully consistent with no gap", "[audit][fairness]") {
  auto observations = Observations(20, [](int request, const std::string&) {
    return request % 3 == 0 ? std::string("incomplet") : std::string("favorable");
  });
  for (auto& observation : observations) observation.words = 25;
  const auto figures = AnalyseFairness(observations, kSettings, 3);
  CHECK(figures.requests == 20);
  CHECK(figures.answers == 40);
  CHECK(figures.decision_consistency == 1.0);
  CHECK(figures.service_consistency == 1.0);
  REQUIRE(figures.attributes.size() == 1);
  CHECK(figures.attributes[0].gap == 0.0);
  CHECK(figures.attributes[0].gap_interval.high == 0.0);
  CHECK(figures.attributes[0].words_gap == 0.0);
  CHECK(figures.worst_pairs.empty());  // nothing differs, so no pair is shown
}

TEST_CASE("Treatment by origin shows as a gap, an interval above zero and the worst pairs", "[audit][fairness]") {
  auto observations = Observations(20, [](int request, const std::string& origin) {
    return origin == "a" || request % 4 == 0 ? std::string("favorable") : std::string("défavorable");
  });
  const auto figures = AnalyseFairness(observations, kSettings, 3);
  CHECK(figures.decision_consistency == Approx(0.25));
  REQUIRE(figures.attributes.size() == 1);
  const auto& gap = figures.attributes[0];
  CHECK(gap.attribute == "origine");
  CHECK(gap.highest == "a");
  CHECK(gap.lowest == "b");
  CHECK(gap.gap == Approx(0.75));
  CHECK(gap.gap_interval.low > 0.4);
  CHECK(gap.gap_interval.high <= 1.0);
  CHECK(gap.words_gap == Approx(30.0));
  REQUIRE(figures.worst_pairs.size() == 3);
  for (const auto& pair : figures.worst_pairs) {
    CHECK(pair.first_decision != pair.second_decision);
  }
  // Same figures whatever the order of the observations.
  std::reverse(observations.begin(), observations.end());
  const auto reordered = AnalyseFairness(observations, kSettings, 3);
  CHECK(reordered.attributes[0].gap_interval.low == gap.gap_interval.low);
  CHECK(reordered.worst_pairs[0].first == figures.worst_pairs[0].first);
}
