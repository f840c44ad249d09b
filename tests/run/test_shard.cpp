// Tests for harness/run/shard.cpp. The expected bucket was computed apart with
// Python: int.from_bytes(hashlib.sha256(b"a\x1fs\x1fx\x1f0").digest()[:8], "big")
// is 865373832837705869, which is 2 mod 3 and 6 mod 7.
#include <catch2/catch.hpp>

#include "etalon/run/shard.hpp"

using etalon::core::RunKey;
using etalon::run::ParseShard;
using etalon::run::Shard;
using etalon::run::ShardBucket;

TEST_CASE("A key's shard is the first 8 bytes of its SHA-256 modulo N", "[run][shard]") {
  const RunKey key{"a", "s", "x", 0};
  CHECK(ShardBucket(key, 3) == 2);
  CHECK(ShardBucket(key, 7) == 6);
  CHECK(ShardBucket(key, 1) == 0);
  CHECK(Shard{3, 3}.Includes(key));
  CHECK_FALSE(Shard{1, 3}.Includes(key));
}

TEST_CASE("Every key falls in exactly one shard", "[run][shard]") {
  for (int count : {1, 2, 5}) {
    for (int sample = 0; sample < 50; ++sample) {
      const RunKey key{"adapter", "suite", "sample-" + std::to_string(sample), sample % 3};
      int owners = 0;
      for (int index = 1; index <= count; ++index) {
        owners += Shard{index, count}.Includes(key) ? 1 : 0;
      }
      CHECK(owners == 1);
    }
  }
}

TEST_CASE("Shard specifications are K/N with 1 <= K <= N", "[run][shard]") {
  std::string error;
  const auto shard = ParseShard("2/7", error);
  REQUIRE(shard);
  CHECK(shard->index == 2);
  CHECK(shard->count == 7);
  CHECK(shard->ToString() == "2/7");
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3x", "/3", "1/"}) {
    INFO(bad);
    CHECK_FALSE(ParseShard(bad, error));
    CHECK_THAT(error, Catch::Contains("is not a shard"));
  }
}
