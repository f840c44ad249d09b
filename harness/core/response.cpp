#include "etalon/core/response.hpp"

#include <array>
#include <utility>

namespace etalon::core {

namespace {

constexpr std::array<std::pair<ErrorKind, std::string_view>, 8> kErrorKindNames = {{
    {ErrorKind::kTimeout, "timeout"},
    {ErrorKind::kNetwork, "network"},
    {ErrorKind::kHttpStatus, "http_status"},
    {ErrorKind::kRateLimited, "rate_limited"},
    {ErrorKind::kInvalidResponse, "invalid_response"},
    {ErrorKind::kInvalidOutput, "invalid_output"},
    {ErrorKind::kAdapterFailure, "adapter_failure"},
    {ErrorKind::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view ToString(ErrorKind kind) {
  for (const auto& [candidate, name] : kErrorKindNames) {
    if (candidate == kind) {
      return name;
    }
  }
  return "unknown";
}

std::optional<ErrorKind> ErrorKindFromString(std::string_view text) {
  for (const auto& [kind, name] : kErrorKindNames) {
    if (name == text) {
      return kind;
    }
  }
  return std::nullopt;
}

}  // namespace etalon::core
