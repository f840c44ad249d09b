// Well-formed UTF-8, one sequence at a time (Unicode 15, table 3-7; RFC
// 3629): no overlong forms, no surrogates, nothing above U+10FFFF. The JSON
// reader and writer accept exactly what nlohmann accepts with it, and the
// reports replace what it refuses.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace etalon::core {

// Length of the well-formed sequence starting at `at` (1 for ASCII), or 0.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

// The position of the first non-ASCII byte from `at` on, or text.size();
// eight bytes at a time.
inline std::size_t AsciiEnd(std::string_view text, std::size_t at) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (at + 8 <= text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + at, sizeof word);
    if ((word & kHighBits) != 0) {
      break;
    }
    at += 8;
  }
  while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) {
    ++at;
  }
  return at;
}

// Whether all of `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// The position of the first byte from `at` on that a JSON string cannot
// hold as it is: a quote, a backslash, a control character or a non-ASCII
// byte (to be checked as UTF-8); text.size() when there is none. Looks at
// eight bytes at a time: most of the text of result lines and answers is
// plain ASCII, and reading and writing it byte by byte was most of the cost
// of the JSON scanner and writer. Inline: it runs once per string.
inline std::size_t PlainJsonAsciiEnd(std::string_view text, std::size_t at) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  // High bit of each zero byte of `word`, and maybe of bytes above one: the
  // lowest bit set is always the first zero byte's.
  constexpr auto zero_bytes = [](std::uint64_t word) { return (word - kOnes) & ~word & kHighBits; };
  if constexpr (std::endian::native == std::endian::little) {
    while (at < text.size()) {
      std::uint64_t word = 'a' * kOnes;  // a short tail is padded with plain bytes
      std::memcpy(&word, text.data() + at, std::min<std::size_t>(8, text.size() - at));
      // Control characters (below 0x20) are the bytes whose top three bits are all zero.
      const std::uint64_t special = zero_bytes(word & (0xE0 * kOnes)) | zero_bytes(word ^ ('"' * kOnes)) |
                                    zero_bytes(word ^ ('\\' * kOnes)) | (word & kHighBits);
      if (special != 0) {
        return at + static_cast<std::size_t>(std::countr_zero(special)) / 8;
      }
      at += 8;
    }
    return text.size();
  } else {
    while (at < text.size()) {
      const auto c = static_cast<unsigned char>(text[at]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++at;
    }
    return at;
  }
}

}  // namespace etalon::core
