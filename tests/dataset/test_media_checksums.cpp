// The generated media of the audio and image datasets are committed with a
// SHA256SUMS file; this checks every file against it, so a corrupted or
// regenerated file cannot slip into a scored run unnoticed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "etalon/core/sha256.hpp"

TEST_CASE("Every dataset's media files match their SHA256SUMS", "[dataset]") {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ETALON_SOURCE_DIR) + "/datasets")) {
    const auto sums = entry.path() / "SHA256SUMS";
    if (!std::filesystem::exists(sums)) {
      continue;
    }
    std::ifstream in(sums);
    for (std::string line; std::getline(in, line);) {
      const auto hash = line.substr(0, 64);
      const auto name = line.substr(line.find_first_not_of(" *", 64));
      INFO(entry.path().filename().string() << "/" << name);
      CHECK(etalon::core::Sha256HexOfFile(entry.path() / name) == hash);
      ++checked;
    }
  }
  CHECK(checked >= 128);  // 64 recordings and 64 images at least
}
