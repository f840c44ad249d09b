// Wall-clock timestamps for records (UTC, ISO 8601, milliseconds). Durations
// are measured on std::chrono::steady_clock, never with these.
#pragma once

#include <chrono>
#include <string>

namespace etalon::core {

std::string UtcTimestamp(std::chrono::system_clock::time_point when);
std::string NowUtc();

// Milliseconds between two steady_clock points, as a double.
double MillisecondsBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to);

}  // namespace etalon::core
