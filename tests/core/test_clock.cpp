#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "etalon/core/clock.hpp"

TEST_CASE("a UTC timestamp parses back to the same millisecond") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'869'000'123));
  const auto text = etalon::core::UtcTimestamp(when);
  CHECK(text == "2026-11-28T12:30:00.123Z");
  const auto parsed = etalon::core::ParseUtcTimestamp(text);
  REQUIRE(parsed.has_value());
  CHECK(*parsed == when);
}

TEST_CASE("a timestamp in another form is refused, not misread") {
  CHECK_FALSE(etalon::core::ParseUtcTimestamp("2026-11-28 09:10:00").has_value());
  CHECK_FALSE(etalon::core::ParseUtcTimestamp("2026-11-28T12:30:00.123Z trailing").has_value());
  CHECK_FALSE(etalon::core::ParseUtcTimestamp("").has_value());
}

TEST_CASE("timestamps cross days, leap days and the end of a year exactly") {
  using namespace std::chrono;
  for (const auto& [text, day] :
       {std::pair{"2024-02-29T23:59:59.999Z", sys_days{2024y / February / 29}},
        std::pair{"2025-12-31T00:00:00.000Z", sys_days{2025y / December / 31}},
        std::pair{"1970-01-01T00:00:00.000Z", sys_days{1970y / January / 1}}}) {
    const auto parsed = etalon::core::ParseUtcTimestamp(text);
    REQUIRE(parsed.has_value());
    CHECK(floor<days>(*parsed) == day);
    CHECK(etalon::core::UtcTimestamp(*parsed) == text);
  }
}

TEST_CASE("a timestamp with an impossible date or a non-digit is refused") {
  for (const char* text : {"2026-02-29T12:00:00.000Z", "2026-13-01T12:00:00.000Z", "2026-11-28T24:00:00.000Z",
                           "2026-11-28T12:60:00.000Z", "2026-1a-28T12:30:00.123Z", "+026-11-28T12:30:00.123Z",
                           "2026-11-28T12:30:00,123Z", "2026-11-28T12:30:00.123z"}) {
    CHECK_FALSE(etalon::core::ParseUtcTimestamp(text).has_value());
  }
}

TEST_CASE("timestamps are written as the C library's calendar gives them, over two centuries") {
  using namespace std::chrono;
  // Instants spread from 1970 to 2170, each with its own milliseconds.
  for (std::int64_t step = 0; step < 4000; ++step) {
    const std::int64_t millis = step * 1'577'836'800'123LL / 1000 + (step * 7919) % 1000;
    const auto when = system_clock::time_point(milliseconds(millis));
    const std::time_t seconds = millis / 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char expected[96];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis % 1000));
    REQUIRE(etalon::core::UtcTimestamp(when) == expected);
  }
}
