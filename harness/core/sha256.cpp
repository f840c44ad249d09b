#include "etalon/core/sha256.hpp"

#include <fstream>

// OpenSSL's own SHA-256 functions, not its EVP interface: the first EVP
// fetch initialises OpenSSL's whole algorithm store (5.4 M instructions,
// about 1.5 ms, spent by every run before its first request, and its
// cleanup at exit), and every digest allocates a context. These functions
// run the same assembly without either. OpenSSL 3.0 marks them deprecated
// in favour of EVP; every 3.x release keeps them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace etalon::core {

struct Sha256::State {
  SHA256_CTX context;
};

Sha256::Sha256() : state_(std::make_unique<State>()) { SHA256_Init(&state_->context); }

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) { SHA256_Update(&state_->context, bytes.data(), bytes.size()); }

std::array<std::uint8_t, 32> Sha256::Digest() {
  std::array<std::uint8_t, 32> digest{};
  SHA256_Final(digest.data(), &state_->context);
  return digest;
}

std::string Sha256::HexDigest() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t byte : Digest()) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.Update(bytes);
  return hash.HexDigest();
}

std::optional<std::string> Sha256HexOfFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  Sha256 hash;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    hash.Update(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) {
    return std::nullopt;
  }
  return hash.HexDigest();
}

}  // namespace etalon::core
