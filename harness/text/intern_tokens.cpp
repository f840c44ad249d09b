#include "etalon/text/intern_tokens.hpp"

namespace etalon::text {

namespace {

std::uint64_t Fnv1a(std::u32string_view token) {
  constexpr std::uint64_t kOffsetBasis = 14695981039346656037ULL;
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t hash = kOffsetBasis;
  for (const char32_t c : token) {
    hash = (hash ^ static_cast<std::uint64_t>(c)) * kPrime;
  }
  return hash;
}

struct Slot {
  std::uint64_t hash = 0;
  std::u32string_view token;
  std::uint32_t id = 0;  // 0: empty
};

}  // namespace

std::vector<std::vector<std::uint32_t>> InternTokens(std::span<const std::vector<std::u32string_view>> lists) {
  std::size_t total = 0;
  for (const auto& list : lists) {
    total += list.size();
  }
  // An open-addressing table at most half full, reused by the thread: metrics
  // call this once per sample, and a fresh std::unordered_map would allocate
  // a node per token. The hash only narrows the search; the text decides.
  thread_local std::vector<Slot> table;
  std::size_t capacity = 16;
  while (capacity < 2 * total) {
    capacity *= 2;
  }
  table.assign(capacity, Slot{});
  const std::size_t mask = capacity - 1;

  std::vector<std::vector<std::uint32_t>> ids(lists.size());
  std::uint32_t next_id = 0;
  for (std::size_t list = 0; list < lists.size(); ++list) {
    ids[list].reserve(lists[list].size());
    for (const std::u32string_view token : lists[list]) {
      const std::uint64_t hash = Fnv1a(token);
      std::size_t slot = static_cast<std::size_t>(hash) & mask;
      while (table[slot].id != 0 && (table[slot].hash != hash || table[slot].token != token)) {
        slot = (slot + 1) & mask;
      }
      if (table[slot].id == 0) {
        table[slot] = {hash, token, ++next_id};
      }
      ids[list].push_back(table[slot].id);
    }
  }
  return ids;
}

}  // namespace etalon::text
