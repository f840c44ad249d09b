#include "etalon/core/clock.hpp"

#include <string_view>

#include <fmt/format.h>

namespace etalon::core {

// Civil-calendar arithmetic rather than gmtime_r/timegm and sscanf: every
// result line carries two timestamps, and the C library's conversions cost
// ten times the arithmetic.
std::string UtcTimestamp(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto instant = floor<milliseconds>(when);
  const auto day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss time{instant - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), time.subseconds().count());
}

std::string NowUtc() { return UtcTimestamp(std::chrono::system_clock::now()); }

namespace {

// The value of text[begin, begin + digits) when all are ASCII digits.
std::optional<int> Digits(std::string_view text, std::size_t begin, std::size_t digits) {
  int value = 0;
  for (std::size_t i = begin; i < begin + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(const std::string& text) {
  using namespace std::chrono;
  // YYYY-MM-DDTHH:MM:SS.mmmZ, exactly as UtcTimestamp writes it.
  constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (text.size() != kShape.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] != '0' && text[i] != kShape[i]) {
      return std::nullopt;
    }
  }
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  const auto millisecond = Digits(text, 20, 3);
  if (!year || !month || !day || !hour || !minute || !second || !millisecond) {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                            std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  return sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second} + milliseconds{*millisecond};
}

double MillisecondsBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace etalon::core
