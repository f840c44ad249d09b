// Sharding a run over machines (docs/sharding.md): shard K of N takes the
// (adapter, suite, sample, repeat) keys whose stable hash falls in it. The
// hash is the first 8 bytes of SHA-256 of RunKey::Canonical(), read as a
// big-endian integer, modulo N: every machine and every etalon version agrees.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "etalon/core/run_key.hpp"

namespace etalon::run {

struct Shard {
  int index = 1;  // 1-based: 1..count
  int count = 1;

  bool Includes(const core::RunKey& key) const;
  std::string ToString() const;  // "K/N"
};

// The key's bucket in 0..count-1 (shard index - 1).
std::uint64_t ShardBucket(const core::RunKey& key, int count);

// "K/N" with 1 <= K <= N <= 100000; std::nullopt and `error` set otherwise.
std::optional<Shard> ParseShard(const std::string& text, std::string& error);

}  // namespace etalon::run
