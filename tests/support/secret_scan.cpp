#include "support/secret_scan.hpp"

#include <algorithm>
#include <filesystem>

#include "support/temp_dir.hpp"

namespace etalon::testing {

namespace {

std::string Base64(const std::string& bytes, const char* alphabet) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    const std::size_t digits = std::min<std::size_t>(4, bytes.size() - i + 1);
    for (std::size_t digit = 0; digit < digits; ++digit) {
      out += alphabet[(group >> (18 - 6 * digit)) & 63];
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> SecretForms(const std::string& secret) {
  return {secret, Base64(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
          Base64(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")};
}

std::vector<std::string> FindSecret(const std::string& folder, const std::string& secret, std::size_t& files_scanned) {
  std::vector<std::string> found;
  files_scanned = 0;
  const auto forms = SecretForms(secret);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    ++files_scanned;
    const auto content = ReadFile(entry.path().string());
    for (const auto& form : forms) {
      if (content.find(form) != std::string::npos) {
        found.push_back(entry.path().string() + ": " + form);
      }
    }
  }
  return found;
}

}  // namespace etalon::testing
