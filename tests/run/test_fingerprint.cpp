// Tests for harness/run/fingerprint.cpp: the field that changed is named.
#include <catch2/catch.hpp>

#include "etalon/run/fingerprint.hpp"

using etalon::run::FingerprintDifference;
using etalon::run::MergeComponents;

namespace {

nlohmann::json Components(int sentences, const std::string& dataset_sha) {
  return {{"plan", {{"name", "p"}, {"seed", 1}, {"repeats", 1}}},
          {"adapters", {{"lead", {{"kind", "builtin:lead"}, {"options", {{"sentences", sentences}}}}}}},
          {"suites", {{"s", {{"template", "x"}}}}},
          {"datasets", {{"s", {{"sha256", dataset_sha}}}}}};
}

}  // namespace

TEST_CASE("Identical components are compatible", "[run]") {
  CHECK_FALSE(FingerprintDifference(Components(3, "aa"), Components(3, "aa")).has_value());
}

TEST_CASE("A changed adapter option is named with both values", "[run]") {
  const auto difference = FingerprintDifference(Components(3, "aa"), Components(2, "aa"));
  REQUIRE(difference);
  CHECK(*difference == "field 'adapters.lead.options.sentences' changed (was 3, now 2)");
}

TEST_CASE("A changed dataset is named", "[run]") {
  const auto difference = FingerprintDifference(Components(3, "aa"), Components(3, "bb"));
  REQUIRE(difference);
  CHECK(*difference == "field 'datasets.s.sha256' changed (was \"aa\", now \"bb\")");
}

TEST_CASE("Adapters selected on one side only are not compared, and are merged", "[run]") {
  auto current = Components(3, "aa");
  current["adapters"]["extra"] = {{"kind", "builtin:echo"}};
  auto stored = Components(3, "aa");
  stored["adapters"].erase("lead");
  CHECK_FALSE(FingerprintDifference(stored, current).has_value());
  CHECK(MergeComponents(stored, current)["adapters"].size() == 2);
}
