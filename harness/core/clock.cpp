#include "etalon/core/clock.hpp"

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace etalon::core {

// Civil-calendar arithmetic and digits written in place rather than
// gmtime_r and a format call: every result line carries two timestamps, and
// the conversions cost ten times the arithmetic, the formatting as much again.
std::string UtcTimestamp(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto instant = floor<milliseconds>(when);
  const auto day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss time{instant - day};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {  // beyond the four digits of the shape below
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year, static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()), time.hours().count(), time.minutes().count(),
                       time.seconds().count(), time.subseconds().count());
  }
  std::string text = "0000-00-00T00:00:00.000Z";
  const auto put = [&text](std::size_t at, std::size_t digits, auto value) {
    auto rest = static_cast<std::uint64_t>(value);
    for (std::size_t i = digits; i-- > 0; rest /= 10) {
      text[at + i] = static_cast<char>('0' + rest % 10);
    }
  };
  put(0, 4, year);
  put(5, 2, static_cast<unsigned>(date.month()));
  put(8, 2, static_cast<unsigned>(date.day()));
  put(11, 2, time.hours().count());
  put(14, 2, time.minutes().count());
  put(17, 2, time.seconds().count());
  put(20, 3, time.subseconds().count());
  return text;
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
