#include <catch2/catch.hpp>

#include "etalon/meters/spend_tracker.hpp"
#include "support/temp_dir.hpp"

namespace {

nlohmann::ordered_json Spent(double eur, double joules) {
  return {{"cost", {{"eur", eur}}}, {"energy", {{"joules", joules}}}};
}

}  // namespace

TEST_CASE("Spending crosses a EUR budget only when the sum goes above it", "[cost]") {
  etalon::config::Budget budget;
  budget.eur = 0.0005;
  etalon::meters::SpendTracker spend(budget);
  spend.Add(Spent(0.0002, 0));
  spend.Add(Spent(0.0003, 0));
  CHECK_FALSE(spend.Exceeded());  // exactly at the ceiling: still within
  spend.Add({{"cost", nullptr}, {"energy", nullptr}});
  CHECK_FALSE(spend.Exceeded());
  spend.Add(Spent(0.0001, 0));
  REQUIRE(spend.Exceeded());
  CHECK_THAT(*spend.Exceeded(), Catch::Contains("above the plan's budget of 0.0005 EUR"));
}

TEST_CASE("An energy budget counts per-request joules, earlier attempts included", "[cost]") {
  etalon::testing::TempDir dir;
  // 3.6 MJ = 1 kWh: two earlier results of 0.3 kWh each.
  const auto journal = dir.Write("results.jsonl", Spent(0, 1.08e6).dump() + "\n" + Spent(0, 1.08e6).dump() + "\n");
  etalon::config::Budget budget;
  budget.kwh = 1.0;
  etalon::meters::SpendTracker spend(budget);
  spend.AddJournal(journal);
  CHECK_FALSE(spend.Exceeded());
  spend.Add(Spent(0, 1.8e6));  // 0.5 kWh more: 1.1 kWh in all
  CHECK(spend.Exceeded());
}
