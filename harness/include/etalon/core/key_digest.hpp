// 128-bit digests of ids and run keys, so sets of seen ids stay small
// (16 bytes an entry) however long the ids are. Taken from SHA-256: a
// collision among a billion keys has a probability below 1e-20.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace etalon::core {

struct KeyDigest {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  bool operator==(const KeyDigest&) const = default;
};

KeyDigest DigestKey(std::string_view text);

struct KeyDigestHash {
  std::size_t operator()(const KeyDigest& digest) const { return static_cast<std::size_t>(digest.low); }
};

}  // namespace etalon::core
