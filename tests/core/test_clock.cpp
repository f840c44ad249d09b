#include <catch2/catch.hpp>

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
