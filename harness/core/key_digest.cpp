#include "etalon/core/key_digest.hpp"

#include "etalon/core/sha256.hpp"

namespace etalon::core {

KeyDigest DigestKey(std::string_view text) {
  Sha256 hash;
  hash.Update(text);
  const auto bytes = hash.Digest();
  KeyDigest digest;
  for (int i = 0; i < 8; ++i) {
    digest.high = (digest.high << 8) | bytes[static_cast<std::size_t>(i)];
    digest.low = (digest.low << 8) | bytes[static_cast<std::size_t>(i + 8)];
  }
  return digest;
}

}  // namespace etalon::core
