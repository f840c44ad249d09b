// Which fault, if any, a model request gets: one uniform draw per request
// from its own seeded stream, walked through the configured rates in a fixed
// order, so the same seed gives the same faults to the same request numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "etalon/simulator/simulator_config.hpp"

namespace etalon::simulator {

enum class FaultKind {
  kHttp500,
  kHttp502,
  kHttp503,
  kHttp429,
  kReset,
  kMalformedJson,
  kStallAfterHeaders,
  kStallBeforeHeaders,
  kRateLimited,  // not drawn: the token bucket's answer when rate_limit_rpm is exceeded
};

std::optional<FaultKind> ChooseFault(const FaultRates& rates, std::uint64_t seed, std::uint64_t sequence);

// The name used in the config, the log and /stats ("http_500", "reset"...).
std::string_view FaultName(FaultKind kind);

}  // namespace etalon::simulator
