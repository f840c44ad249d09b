#include "etalon/run/shard.hpp"

#include <charconv>

#include <fmt/format.h>

#include "etalon/core/sha256.hpp"

namespace etalon::run {

namespace {
constexpr int kMaxShards = 100'000;

std::optional<int> ParsePositive(std::string_view text) {
  int value = 0;
  const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || stop != text.data() + text.size() || text.empty() || value < 1) {
    return std::nullopt;
  }
  return value;
}
}  // namespace

std::uint64_t ShardBucket(const core::RunKey& key, int count) {
  core::Sha256 hash;
  hash.Update(key.Canonical());
  const auto digest = hash.Digest();
  std::uint64_t prefix = 0;
  for (int i = 0; i < 8; ++i) {
    prefix = (prefix << 8) | digest[static_cast<std::size_t>(i)];
  }
  return prefix % static_cast<std::uint64_t>(count);
}

bool Shard::Includes(const core::RunKey& key) const {
  return ShardBucket(key, count) == static_cast<std::uint64_t>(index - 1);
}

std::string Shard::ToString() const { return fmt::format("{}/{}", index, count); }

std::optional<Shard> ParseShard(const std::string& text, std::string& error) {
  const auto slash = text.find('/');
  const auto index = slash == std::string::npos ? std::nullopt : ParsePositive(std::string_view(text).substr(0, slash));
  const auto count = slash == std::string::npos ? std::nullopt : ParsePositive(std::string_view(text).substr(slash + 1));
  if (!index || !count || *index > *count || *count > kMaxShards) {
    error = fmt::format("'{}' is not a shard: expected K/N with 1 <= K <= N <= {}", text, kMaxShards);
    return std::nullopt;
  }
  return Shard{*index, *count};
}

}  // namespace etalon::run
