// Tests for harness/stats/descriptive.cpp. Expected percentiles are
// numpy.percentile's (linear) values, worked by hand: for [1, 2, 3, 4, 10],
// p90 sits at position 0.9 * 4 = 3.6, so 4 + 0.6 * (10 - 4) = 7.6.
#include <catch2/catch.hpp>

#include "etalon/stats/descriptive.hpp"

using etalon::stats::Percentiles;
using etalon::stats::RunningMoments;

TEST_CASE("Percentiles interpolate linearly as numpy does", "[stats]") {
  const auto values = Percentiles({10, 1, 4, 3, 2}, {0, 50, 90, 95, 99, 100});
  REQUIRE(values.size() == 6);
  CHECK(values[0] == Approx(1));
  CHECK(values[1] == Approx(3));
  CHECK(values[2] == Approx(7.6));
  CHECK(values[3] == Approx(8.8));
  CHECK(values[4] == Approx(9.76));
  CHECK(values[5] == Approx(10));
  CHECK(Percentiles({}, {50}).empty());
  CHECK(Percentiles({7}, {99})[0] == 7);
}

TEST_CASE("RunningMoments gives the sample standard deviation and a normal interval", "[stats]") {
  RunningMoments moments;
  for (const double value : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) {
    moments.Add(value);
  }
  CHECK(moments.mean() == Approx(5.0));
  // Sum of squared deviations is 32; 32 / 7 under the root.
  CHECK(*moments.sample_stddev() == Approx(2.138089935299395));
  const auto interval = *moments.NormalInterval95();
  CHECK(interval.first == Approx(5.0 - 1.959963984540054 * 2.138089935299395 / std::sqrt(8.0)));
  RunningMoments single;
  single.Add(1);
  CHECK_FALSE(single.NormalInterval95().has_value());
}
