#include "etalon/core/clock.hpp"

#include <cstdio>
#include <ctime>

#include <fmt/format.h>

namespace etalon::core {

std::string UtcTimestamp(std::chrono::system_clock::time_point when) {
  const auto since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(since_epoch.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, since_epoch.count() % 1000);
}

std::string NowUtc() { return UtcTimestamp(std::chrono::system_clock::now()); }

std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(const std::string& text) {
  std::tm utc{};
  int milliseconds = 0;
  int consumed = 0;
  if (text.size() != 24 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &utc.tm_year, &utc.tm_mon,
                                       &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &milliseconds,
                                       &consumed) != 7 ||
      consumed != 24) {
    return std::nullopt;
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  const std::time_t seconds = timegm(&utc);
  return std::chrono::system_clock::from_time_t(seconds) + std::chrono::milliseconds(milliseconds);
}

double MillisecondsBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace etalon::core
