// Wall-clock timestamps for records (UTC, ISO 8601, milliseconds). Durations
// are measured on std::chrono::steady_clock, never with these.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace etalon::core {

std::string UtcTimestamp(std::chrono::system_clock::time_point when);
std::string NowUtc();
// The inverse of UtcTimestamp; std::nullopt when `text` is not in its exact form.
std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(const std::string& text);

// Milliseconds between two steady_clock points, as a double.
double MillisecondsBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to);

}  // namespace etalon::core
