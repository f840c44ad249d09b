#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "etalon/run/arrival_schedule.hpp"

using etalon::run::ArrivalSchedule;

namespace {

std::vector<double> Gaps(ArrivalSchedule schedule, ArrivalSchedule::Clock::time_point start, int count) {
  std::vector<double> gaps;
  auto previous = start;
  for (int i = 0; i < count; ++i) {
    const auto next = schedule.Next();
    gaps.push_back(std::chrono::duration<double>(next - previous).count());
    previous = next;
  }
  return gaps;
}

}  // namespace

TEST_CASE("The same seed and adapter schedule the same arrivals", "[run]") {
  const auto start = ArrivalSchedule::Clock::time_point{};
  CHECK(Gaps(ArrivalSchedule(20, 7, "a", start), start, 50) == Gaps(ArrivalSchedule(20, 7, "a", start), start, 50));
  CHECK(Gaps(ArrivalSchedule(20, 7, "a", start), start, 50) != Gaps(ArrivalSchedule(20, 7, "b", start), start, 50));
  CHECK(Gaps(ArrivalSchedule(20, 7, "a", start), start, 50) != Gaps(ArrivalSchedule(20, 8, "a", start), start, 50));
}

TEST_CASE("Arrival gaps are exponential with the asked rate", "[run]") {
  // 20,000 gaps at 50/s: the mean is 20 ms with a standard error of
  // 20 ms / sqrt(20,000) = 0.14 ms, and an exponential's stddev equals its mean.
  const auto start = ArrivalSchedule::Clock::time_point{};
  const auto gaps = Gaps(ArrivalSchedule(50, 20261128, "a", start), start, 20'000);
  double sum = 0;
  double squares = 0;
  CHECK(*std::min_element(gaps.begin(), gaps.end()) >= 0);
  for (const double gap : gaps) {
    sum += gap;
    squares += gap * gap;
  }
  const double mean = sum / static_cast<double>(gaps.size());
  const double stddev = std::sqrt(squares / static_cast<double>(gaps.size()) - mean * mean);
  CHECK(mean == Approx(0.020).margin(0.0008));
  CHECK(stddev == Approx(0.020).margin(0.0015));
}
