// Tests for harness/summary/cost_figures.cpp, each figure worked by hand.
#include <catch2/catch.hpp>

#include "etalon/summary/cost_figures.hpp"

using etalon::summary::CostContext;
using etalon::summary::CostFigures;

namespace {

etalon::summary::SummaryRecord Priced(double eur, double kg_low, double kg_high) {
  etalon::summary::SummaryRecord record;
  record.cost = {{"eur", eur}, {"usage_estimated", false}, {"price_date", "2026-11-01"}};
  record.carbon = {{"kgco2eq", (kg_low + kg_high) / 2},
                   {"low_kgco2eq", kg_low},
                   {"high_kgco2eq", kg_high},
                   {"usage_kgco2eq", kg_low},
                   {"embodied_kgco2eq", (kg_high - kg_low) / 2},
                   {"method", "ecologits-0.9.1"},
                   {"zone", "FRA"},
                   {"assumptions", ""}};
  return record;
}

}  // namespace

TEST_CASE("Token-priced cost per request, per correct answer and per year", "[summary][cost]") {
  CostFigures figures;
  figures.Add(Priced(0.002, 0.001, 0.003));
  figures.Add(Priced(0.004, 0.002, 0.004));
  figures.Add(etalon::summary::SummaryRecord{});  // a model the catalog does not price: cost and carbon null
  CostContext context;
  context.succeeded = 3;
  context.correct = 1;
  context.yearly_requests = 100'000;
  const auto cost = figures.CostJson(context);
  CHECK(cost["basis"] == "token-prices");
  CHECK(cost["eur"].get<double>() == Approx(0.006));
  CHECK(cost["requests_priced"] == 2);
  CHECK(cost["requests_unpriced"] == 1);
  CHECK(cost["per_request_eur"].get<double>() == Approx(0.003));  // 0.006 / 2 priced requests
  CHECK(cost["per_correct_eur"].get<double>() == Approx(0.006));  // 0.006 / 1 correct answer
  CHECK(cost["per_year_eur"].get<double>() == Approx(300.0));     // 0.003 x 100,000
  const auto carbon = figures.CarbonJson(context);
  CHECK(carbon["kgco2eq"].get<double>() == Approx(0.005));  // 0.002 + 0.003
  CHECK(carbon["low_kgco2eq"].get<double>() == Approx(0.003));
  CHECK(carbon["high_kgco2eq"].get<double>() == Approx(0.007));
  CHECK(carbon["measured"] == false);
  CHECK(carbon["per_year_kgco2eq"]["value"].get<double>() == Approx(250.0));  // 0.0025 x 100,000
  CHECK(carbon["per_year_kgco2eq"]["low"].get<double>() == Approx(150.0));
}

TEST_CASE("Self-hosted cost is the stated server price times the measured wall time", "[summary][cost]") {
  CostFigures figures;
  CostContext context;
  context.succeeded = 90;
  context.span_s = 1800;  // half an hour
  context.server_eur_per_hour = 4.0;
  const auto cost = figures.CostJson(context);
  CHECK(cost["basis"] == "server-time");
  CHECK(cost["eur"].get<double>() == Approx(2.0));
  CHECK(cost["per_request_eur"].get<double>() == Approx(2.0 / 90));
  CHECK_THAT(cost["assumption"].get<std::string>(), Catch::Contains("4 EUR per hour"));
  CHECK(cost["per_correct_eur"].is_null());  // the suite states no pass rule
  CHECK(cost["per_year_eur"].is_null());     // the plan states no volume
}

TEST_CASE("A cell with nothing priced has a null cost, never zero", "[summary][cost]") {
  CostFigures figures;
  figures.Add(etalon::summary::SummaryRecord{});
  CostContext context;
  context.succeeded = 1;
  CHECK(figures.CostJson(context).is_null());
  CHECK(figures.CarbonJson(context).is_null());
}
