#include "etalon/run/arrival_schedule.hpp"

#include "etalon/core/key_digest.hpp"

namespace etalon::run {

ArrivalSchedule::ArrivalSchedule(double rate_per_s, std::int64_t seed, const std::string& adapter_id,
                                 Clock::time_point start)
    : last_(start), gap_s_(rate_per_s) {
  const auto digest = core::DigestKey(adapter_id);
  std::seed_seq sequence{static_cast<std::uint64_t>(seed), digest.high, digest.low};
  generator_.seed(sequence);
}

ArrivalSchedule::Clock::time_point ArrivalSchedule::Next() {
  last_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(gap_s_(generator_)));
  return last_;
}

}  // namespace etalon::run
