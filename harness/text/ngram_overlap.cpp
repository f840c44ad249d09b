#include "etalon/text/ngram_overlap.hpp"

#include <algorithm>
#include <bit>
#include <cassert>

namespace etalon::text {

namespace {

using Sequence = std::span<const std::uint32_t>;

constexpr int kPackedBits = 60;  // of the 64, so that 6 symbols get 10 bits each

int BitsPerSymbol(int max_order) { return kPackedBits / max_order; }

// ---- Renumbering ---------------------------------------------------------

// Symbols below this use a direct table (every code point of the Basic
// Multilingual Plane, and word ids of all but huge samples).
constexpr std::uint32_t kDirectLimit = 1U << 16;

// Dense ids 1..d for the symbols of all the sequences, written into `dense`
// (one vector per sequence); returns d.
std::uint32_t Renumber(std::span<const Sequence> sequences, std::vector<std::vector<std::uint32_t>>& dense) {
  dense.resize(sequences.size());
  bool direct = true;
  for (const Sequence sequence : sequences) {
    for (const std::uint32_t symbol : sequence) {
      direct = direct && symbol < kDirectLimit;
    }
  }
  std::uint32_t next_id = 0;
  if (direct) {
    // A table indexed by symbol, stamped with a call number so that it never
    // needs clearing; it belongs to the thread.
    struct Entry {
      std::uint32_t stamp = 0;
      std::uint32_t id = 0;
    };
    thread_local std::vector<Entry> table(kDirectLimit);
    thread_local std::uint32_t call = 0;
    if (++call == 0) {
      std::fill(table.begin(), table.end(), Entry{});
      call = 1;
    }
    for (std::size_t s = 0; s < sequences.size(); ++s) {
      dense[s].resize(sequences[s].size());
      for (std::size_t i = 0; i < sequences[s].size(); ++i) {
        Entry& entry = table[sequences[s][i]];
        if (entry.stamp != call) {
          entry = {call, ++next_id};
        }
        dense[s][i] = entry.id;
      }
    }
    return next_id;
  }
  std::vector<std::uint32_t> alphabet;
  for (const Sequence sequence : sequences) {
    alphabet.insert(alphabet.end(), sequence.begin(), sequence.end());
  }
  std::sort(alphabet.begin(), alphabet.end());
  alphabet.erase(std::unique(alphabet.begin(), alphabet.end()), alphabet.end());
  for (std::size_t s = 0; s < sequences.size(); ++s) {
    dense[s].resize(sequences[s].size());
    for (std::size_t i = 0; i < sequences[s].size(); ++i) {
      const auto position = std::lower_bound(alphabet.begin(), alphabet.end(), sequences[s][i]) - alphabet.begin();
      dense[s][i] = static_cast<std::uint32_t>(position) + 1;
    }
  }
  return static_cast<std::uint32_t>(alphabet.size());
}

// ---- Packed path ---------------------------------------------------------

// Each window is one 64-bit integer: the symbols in the 60 high bits (first
// symbol highest, zero-padded past the end of its sequence) and the number of
// the sequence it comes from in the 4 low bits (0: the hypothesis).
constexpr int kSourceBits = 64 - kPackedBits;
constexpr std::uint64_t kSourceMask = (std::uint64_t{1} << kSourceBits) - 1;
constexpr std::size_t kMaxPackedSequences = std::size_t{1} << kSourceBits;

std::vector<std::size_t> PackedMatches(const std::vector<std::vector<std::uint32_t>>& dense, int max_order) {
  const int bits = BitsPerSymbol(max_order);
  const int top = kSourceBits + bits * (max_order - 1);
  const std::uint64_t symbol_mask = (std::uint64_t{1} << bits) - 1;

  // Every window of every sequence, sorted together: equal n-grams of any
  // order are then neighbours, whichever sequence they come from.
  thread_local std::vector<std::uint64_t> windows;
  std::size_t window_count = 0;
  for (const auto& ids : dense) {
    window_count += ids.size();
  }
  windows.resize(window_count);
  std::uint64_t* write = windows.data();
  for (std::size_t s = 0; s < dense.size(); ++s) {
    std::uint64_t next = 0;
    for (std::size_t i = dense[s].size(); i-- > 0;) {
      next = (static_cast<std::uint64_t>(dense[s][i]) << top) | ((next >> bits) & ~kSourceMask);
      *write++ = next | s;
    }
  }
  std::sort(windows.begin(), windows.end());

  // How many leading symbols each window shares with the one before it: a
  // group of equal n-grams ends where fewer than n are shared.
  thread_local std::vector<std::uint8_t> shared;
  shared.resize(window_count);
  for (std::size_t k = 1; k < window_count; ++k) {
    const std::uint64_t difference = (windows[k] ^ windows[k - 1]) & ~kSourceMask;
    shared[k] = static_cast<std::uint8_t>(difference == 0 ? max_order : std::countl_zero(difference) / bits);
  }

  std::vector<std::size_t> matches(static_cast<std::size_t>(max_order), 0);
  const std::uint64_t* window = windows.data();
  const std::uint8_t* common = shared.data();
  for (int order = 1; order <= max_order; ++order) {
    const int shift = kSourceBits + bits * (max_order - order);
    // A window shorter than the order has a zero n-th symbol (ids start at
    // 1): it holds no n-gram.
    const auto holds_ngram = [&](std::size_t k) { return ((window[k] >> shift) & symbol_mask) != 0; };
    std::size_t total = 0;
    if (dense.size() == 2) {
      // One reference, the common case: two counters per group.
      std::size_t mine = 0;
      std::size_t theirs = 0;
      for (std::size_t k = 0; k < window_count; ++k) {
        if (k > 0 && common[k] < order) {
          total += std::min(mine, theirs);
          mine = 0;
          theirs = 0;
        }
        if (holds_ngram(k)) {
          ++((window[k] & kSourceMask) == 0 ? mine : theirs);
        }
      }
      total += std::min(mine, theirs);
    } else {
      // The hypothesis count clipped by the largest count in one reference.
      std::size_t counts[kMaxPackedSequences] = {};
      const auto close_group = [&] {
        const std::size_t best = dense.size() > 1 ? *std::max_element(counts + 1, counts + dense.size()) : 0;
        total += std::min(counts[0], best);
        std::fill(counts, counts + dense.size(), 0);
      };
      for (std::size_t k = 0; k < window_count; ++k) {
        if (k > 0 && common[k] < order) {
          close_group();
        }
        if (holds_ngram(k)) {
          ++counts[window[k] & kSourceMask];
        }
      }
      close_group();
    }
    matches[static_cast<std::size_t>(order - 1)] = total;
  }
  return matches;
}

// ---- Hash path, for alphabets too large to pack ---------------------------

// One distinct n-gram: where it first occurs in the sequence the table was
// built from and how often it occurs there (0: an empty slot).
struct Slot {
  std::uint64_t hash = 0;
  std::uint32_t position = 0;
  std::uint32_t count = 0;
  std::uint32_t best = 0;  // the most occurrences in one reference
};

std::uint64_t HashNgram(const std::uint32_t* symbols, int order) {
  std::uint64_t hash = 0x9E3779B97F4A7C15ULL;
  for (int k = 0; k < order; ++k) {
    hash = (hash ^ symbols[k]) * 0xBF58476D1CE4E5B9ULL;
    hash ^= hash >> 31;
  }
  return hash;
}

// The distinct n-grams of one sequence with their counts, in an
// open-addressing table at most half full. The hash narrows the search; the
// symbols decide.
class NgramTable {
 public:
  NgramTable(Sequence symbols, int order) : symbols_(symbols), order_(order) {
    const std::size_t count = NgramCount(symbols, order);
    std::size_t capacity = 16;
    while (capacity < 2 * count) {
      capacity *= 2;
    }
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t hash = HashNgram(symbols.data() + i, order);
      Slot& slot = Find(hash, symbols.data() + i);
      if (slot.count == 0) {
        slot.hash = hash;
        slot.position = static_cast<std::uint32_t>(i);
      }
      ++slot.count;
    }
  }

  // The slot of this n-gram, or the empty slot where it would go.
  Slot& Find(std::uint64_t hash, const std::uint32_t* ngram) {
    std::size_t index = static_cast<std::size_t>(hash) & mask_;
    while (slots_[index].count != 0 &&
           (slots_[index].hash != hash ||
            !std::equal(ngram, ngram + order_, symbols_.data() + slots_[index].position))) {
      index = (index + 1) & mask_;
    }
    return slots_[index];
  }

  std::vector<Slot>& slots() { return slots_; }

 private:
  Sequence symbols_;
  int order_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

std::size_t HashedMatches(Sequence hypothesis, std::span<const Sequence> references, int order) {
  if (NgramCount(hypothesis, order) == 0) {
    return 0;
  }
  NgramTable distinct(hypothesis, order);
  for (const Sequence reference : references) {
    if (NgramCount(reference, order) == 0) {
      continue;
    }
    NgramTable in_reference(reference, order);
    for (Slot& slot : distinct.slots()) {
      if (slot.count != 0) {
        const Slot& found = in_reference.Find(slot.hash, hypothesis.data() + slot.position);
        slot.best = std::max(slot.best, found.count);
      }
    }
  }
  std::size_t total = 0;
  for (const Slot& slot : distinct.slots()) {
    total += std::min(slot.count, slot.best);
  }
  return total;
}

}  // namespace

std::size_t NgramCount(std::span<const std::uint32_t> symbols, int order) {
  const auto n = static_cast<std::size_t>(order);
  return symbols.size() >= n ? symbols.size() - n + 1 : 0;
}

std::vector<std::size_t> NgramMatches(std::span<const std::uint32_t> hypothesis,
                                      std::span<const std::span<const std::uint32_t>> references, int max_order) {
  // An order outside 1..6 is a programming error in the calling metric.
  assert(max_order >= 1 && max_order <= kMaxNgramOrder);
  std::vector<Sequence> sequences;
  sequences.reserve(references.size() + 1);
  sequences.push_back(hypothesis);
  sequences.insert(sequences.end(), references.begin(), references.end());
  thread_local std::vector<std::vector<std::uint32_t>> dense;
  const std::uint32_t distinct = Renumber(sequences, dense);
  if (distinct < (std::uint64_t{1} << BitsPerSymbol(max_order)) && sequences.size() <= kMaxPackedSequences) {
    return PackedMatches(dense, max_order);
  }
  std::vector<std::size_t> matches;
  for (int order = 1; order <= max_order; ++order) {
    matches.push_back(HashedMatches(hypothesis, references, order));
  }
  return matches;
}

}  // namespace etalon::text
