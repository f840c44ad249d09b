// SHA-256 (OpenSSL) as lowercase hex: dataset, prompt and artifact hashes.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace etalon::core {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  std::array<std::uint8_t, 32> Digest();  // ends the computation
  std::string HexDigest();                // ends the computation

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string Sha256Hex(std::string_view bytes);
// std::nullopt when the file cannot be read.
std::optional<std::string> Sha256HexOfFile(const std::filesystem::path& path);

}  // namespace etalon::core
