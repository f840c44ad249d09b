// Tests for harness/core/utf8.cpp: the boundaries of Unicode's table 3-7.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "etalon/core/utf8.hpp"

using etalon::core::Utf8SequenceLength;

TEST_CASE("Well-formed UTF-8 sequences are measured, ill-formed ones refused", "[core][utf8]") {
  const std::vector<std::pair<std::string, std::size_t>> cases = {
      {"a", 1},           {"\x7F", 1},           {"\xC2\x80", 2},          {"\xDF\xBF", 2},
      {"\xE0\xA0\x80", 3}, {"\xED\x9F\xBF", 3},   {"\xEE\x80\x80", 3},      {"\xF0\x90\x80\x80", 4},
      {"\xF4\x8F\xBF\xBF", 4},
      {"\x80", 0},        {"\xC0\xAF", 0},       {"\xC1\xBF", 0},          // a lone continuation, overlong forms
      {"\xE0\x9F\xBF", 0}, {"\xED\xA0\x80", 0},  {"\xF0\x8F\xBF\xBF", 0},  // overlong, a surrogate, overlong
      {"\xF4\x90\x80\x80", 0}, {"\xF5\x80\x80\x80", 0},                    // above U+10FFFF
      {"\xE2\x82", 0},    {"\xC3\x28", 0},                                 // cut short, a bad continuation
  };
  for (const auto& [text, length] : cases) {
    INFO(text);
    CHECK(Utf8SequenceLength(text, 0) == length);
  }
  CHECK(Utf8SequenceLength("x\xC3\xA9", 1) == 2);  // measured from the position given
}

TEST_CASE("The plain ASCII run of a JSON string ends at its first quote, backslash, control or non-ASCII byte",
          "[core][utf8]") {
  const auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; };
  // Every byte value at every place of a 19-byte text: inside the eight-byte
  // words and in the tail, from every starting point.
  for (int value = 0; value < 256; ++value) {
    for (std::size_t place = 0; place < 19; ++place) {
      std::string text(19, 'a');
      text[place] = static_cast<char>(value);
      for (std::size_t from = 0; from <= text.size(); ++from) {
        const auto expected = (from <= place && !plain(static_cast<unsigned char>(value))) ? place : text.size();
        REQUIRE(etalon::core::PlainJsonAsciiEnd(text, from) == expected);
      }
    }
  }
  CHECK(etalon::core::PlainJsonAsciiEnd("", 0) == 0);
}

TEST_CASE("Whole texts are checked as UTF-8 past runs of ASCII of any length", "[core][utf8]") {
  using etalon::core::AsciiEnd;
  using etalon::core::IsValidUtf8;
  for (std::size_t ascii = 0; ascii < 20; ++ascii) {
    const std::string prefix(ascii, 'a');
    CHECK(AsciiEnd(prefix + "é", 0) == ascii);
    CHECK(AsciiEnd(prefix, 0) == ascii);
    CHECK(IsValidUtf8(prefix + "é" + prefix + "€"));
    CHECK_FALSE(IsValidUtf8(prefix + "\xC3" + prefix));      // a lead byte without its continuation
    CHECK_FALSE(IsValidUtf8(prefix + "é" + prefix + "\xED\xA0\x80"));  // a surrogate
    CHECK_FALSE(IsValidUtf8(prefix + "\xC3"));               // cut at the end
  }
  CHECK(IsValidUtf8(""));
}
