// Seeded randomness per request and purpose, and latency draws from a
// configured distribution. A request's draws depend only on the seed and its
// sequence number, never on which thread served it or what ran before.
#pragma once

#include <cstdint>
#include <random>

#include "etalon/simulator/simulator_config.hpp"

namespace etalon::simulator {

// Which stream of random numbers a draw belongs to (one seed per purpose).
enum class RandomPurpose : std::uint64_t { kFault = 1, kLatency = 2 };

std::mt19937_64 RequestRandom(std::uint64_t seed, std::uint64_t sequence, RandomPurpose purpose);

// A uniform draw in [0, 1) from 53 random bits: the same on every standard library.
double UnitDraw(std::mt19937_64& random);

// Milliseconds, never negative: a normal draw below 0 is drawn again (at most
// 100 times, then 0), i.e. the normal law truncated at 0.
double DrawMilliseconds(const LatencyDistribution& distribution, std::mt19937_64& random);

}  // namespace etalon::simulator
