#include "fault_choice.hpp"

#include <array>
#include <utility>

#include "latency_sampler.hpp"

namespace etalon::simulator {

std::optional<FaultKind> ChooseFault(const FaultRates& rates, std::uint64_t seed, std::uint64_t sequence) {
  const std::array<std::pair<FaultKind, double>, 8> ordered = {{
      {FaultKind::kHttp500, rates.http_500},
      {FaultKind::kHttp502, rates.http_502},
      {FaultKind::kHttp503, rates.http_503},
      {FaultKind::kHttp429, rates.http_429},
      {FaultKind::kReset, rates.reset},
      {FaultKind::kMalformedJson, rates.malformed_json},
      {FaultKind::kStallAfterHeaders, rates.stall_after_headers},
      {FaultKind::kStallBeforeHeaders, rates.stall_before_headers},
  }};
  auto random = RequestRandom(seed, sequence, RandomPurpose::kFault);
  const double draw = UnitDraw(random);
  double cumulative = 0;
  for (const auto& [kind, rate] : ordered) {
    cumulative += rate;
    if (draw < cumulative) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string_view FaultName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kHttp500:
      return "http_500";
    case FaultKind::kHttp502:
      return "http_502";
    case FaultKind::kHttp503:
      return "http_503";
    case FaultKind::kHttp429:
      return "http_429";
    case FaultKind::kReset:
      return "reset";
    case FaultKind::kMalformedJson:
      return "malformed_json";
    case FaultKind::kStallAfterHeaders:
      return "stall_after_headers";
    case FaultKind::kStallBeforeHeaders:
      return "stall_before_headers";
    case FaultKind::kRateLimited:
      return "rate_limited";
  }
  return "unknown";
}

}  // namespace etalon::simulator
