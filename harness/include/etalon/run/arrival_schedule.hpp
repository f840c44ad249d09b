// Open-loop arrivals: the times at which one adapter's requests are due,
// as a Poisson process at a stated rate. The exponential gaps come from a
// generator seeded by the plan seed and the adapter id, so a rerun (or a
// resumed run) schedules the same gaps, and adapters do not share a stream.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

namespace etalon::run {

class ArrivalSchedule {
 public:
  using Clock = std::chrono::steady_clock;

  ArrivalSchedule(double rate_per_s, std::int64_t seed, const std::string& adapter_id, Clock::time_point start);

  // The next arrival: the previous one (first: `start`) plus an exponential gap.
  Clock::time_point Next();

 private:
  Clock::time_point last_;
  std::mt19937_64 generator_;
  std::exponential_distribution<double> gap_s_;
};

}  // namespace etalon::run
