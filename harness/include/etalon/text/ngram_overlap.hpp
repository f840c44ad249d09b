// Exact n-gram matching for BLEU, chrF and ROUGE on sequences of symbols
// (code points, or word ids from InternTokens), without building a string
// per n-gram.
//
// The symbols of one call are renumbered 1, 2, 3... so that the window of
// max_order symbols starting at each position packs into one 64-bit integer,
// exactly, with the number of its sequence in the low bits. The windows of
// the hypothesis and its references are sorted together once; equal n-grams
// of every order are then neighbours, and one pass per order counts them.
// When a call holds too many distinct symbols to pack (more than 1023 for
// order 6: rare, e.g. long texts in several scripts) or more than 15
// references, the counting goes through a hash table that compares the
// symbols themselves. Either way, no collision can change a count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace etalon::text {

inline constexpr int kMaxNgramOrder = 6;

// Number of n-grams of this order in `symbols`, repetitions included.
std::size_t NgramCount(std::span<const std::uint32_t> symbols, int order);

// For each order n = 1..max_order (element n - 1): the sum over distinct
// n-grams of the hypothesis of min(count in the hypothesis, max over the
// references of the count in that reference). With one reference that is the
// plain overlap of two multisets; with several, BLEU's clipped counts.
// 1 <= max_order <= kMaxNgramOrder.
std::vector<std::size_t> NgramMatches(std::span<const std::uint32_t> hypothesis,
                                      std::span<const std::span<const std::uint32_t>> references, int max_order);

}  // namespace etalon::text
