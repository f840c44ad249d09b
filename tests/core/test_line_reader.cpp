// Tests for harness/core/line_reader.cpp: fixed-buffer line reading and the
// torn-last-line signal the journal relies on.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "etalon/core/line_reader.hpp"
#include "etalon/core/sha256.hpp"
#include "support/temp_dir.hpp"

using etalon::core::LineReader;

TEST_CASE("LineReader returns lines without their terminators, CRLF included", "[core]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("a.txt", "one\r\ntwo\n\nthree\n");
  LineReader reader(path);
  std::string line;
  std::vector<std::string> lines;
  while (reader.Next(line)) {
    lines.push_back(line);
    CHECK_FALSE(reader.last_line_unterminated());
  }
  CHECK(lines == std::vector<std::string>{"one", "two", "", "three"});
  CHECK(reader.line_number() == 4);
}

TEST_CASE("LineReader flags an unterminated last line", "[core]") {
  etalon::testing::TempDir dir;
  LineReader reader(dir.Write("torn.txt", "complete\n{\"half\":"));
  std::string line;
  REQUIRE(reader.Next(line));
  CHECK_FALSE(reader.last_line_unterminated());
  REQUIRE(reader.Next(line));
  CHECK(line == "{\"half\":");
  CHECK(reader.last_line_unterminated());
  CHECK_FALSE(reader.Next(line));
}

TEST_CASE("LineReader handles lines longer than its buffer and hashes every byte", "[core]") {
  etalon::testing::TempDir dir;
  const std::string long_line(200'000, 'x');
  const std::string content = long_line + "\nshort\n";
  etalon::core::Sha256 hash;
  LineReader reader(dir.Write("long.txt", content), &hash);
  std::string line;
  REQUIRE(reader.Next(line));
  CHECK(line.size() == long_line.size());
  REQUIRE(reader.Next(line));
  CHECK(line == "short");
  CHECK_FALSE(reader.Next(line));
  CHECK(hash.HexDigest() == etalon::core::Sha256Hex(content));
}

TEST_CASE("Sha256Hex matches the published test vector", "[core]") {
  CHECK(etalon::core::Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Hashers on several threads at once share one algorithm and agree", "[core]") {
  std::vector<std::string> digests(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < digests.size(); ++i) {
    threads.emplace_back([&digests, i] {
      for (int round = 0; round < 200; ++round) {
        digests[i] = etalon::core::Sha256Hex("abc");
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& digest : digests) {
    CHECK(digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
