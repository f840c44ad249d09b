#include "etalon/text/edit_counts.hpp"

#include <algorithm>
#include <vector>

namespace etalon::text {

namespace {

constexpr int kWordBits = 64;
constexpr std::uint64_t kHighBit = std::uint64_t{1} << (kWordBits - 1);

// One 64-row block of one column of the Levenshtein matrix in Myers' vertical
// delta form (VP: +1 steps, VN: -1 steps). `carry_in` is the horizontal delta
// entering the block from above and the result the one leaving it below.
int AdvanceBlock(std::uint64_t match, std::uint64_t& vp, std::uint64_t& vn, int carry_in) {
  const std::uint64_t carry_negative = carry_in < 0 ? 1 : 0;
  const std::uint64_t carry_positive = carry_in > 0 ? 1 : 0;
  const std::uint64_t xv = match | vn;
  match |= carry_negative;
  const std::uint64_t xh = (((match & vp) + vp) ^ vp) | match;
  std::uint64_t hp = vn | ~(xh | vp);
  std::uint64_t hn = vp & xh;
  int carry_out = 0;
  if ((hp & kHighBit) != 0) {
    carry_out = 1;
  } else if ((hn & kHighBit) != 0) {
    carry_out = -1;
  }
  hp = (hp << 1) | carry_positive;
  hn = (hn << 1) | carry_negative;
  vp = hn | ~(xv | hp);
  vn = hp & xv;
  return carry_out;
}

bool TestBit(const std::vector<std::uint64_t>& matrix, std::size_t blocks, std::size_t column, std::size_t row) {
  return ((matrix[column * blocks + row / kWordBits] >> (row % kWordBits)) & 1U) != 0;
}

}  // namespace

EditCounts CountEdits(std::span<const std::uint32_t> reference, std::span<const std::uint32_t> hypothesis) {
  EditCounts counts;
  std::size_t prefix = 0;
  while (prefix < reference.size() && prefix < hypothesis.size() && reference[prefix] == hypothesis[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < reference.size() - prefix && suffix < hypothesis.size() - prefix &&
         reference[reference.size() - 1 - suffix] == hypothesis[hypothesis.size() - 1 - suffix]) {
    ++suffix;
  }
  counts.hits = prefix + suffix;
  const auto s1 = reference.subspan(prefix, reference.size() - prefix - suffix);
  const auto s2 = hypothesis.subspan(prefix, hypothesis.size() - prefix - suffix);
  if (s1.empty() || s2.empty()) {
    counts.deletions = s1.size();
    counts.insertions = s2.size();
    return counts;
  }

  // Match masks of every reference symbol, one bit per reference position.
  std::vector<std::uint32_t> alphabet(s1.begin(), s1.end());
  std::sort(alphabet.begin(), alphabet.end());
  alphabet.erase(std::unique(alphabet.begin(), alphabet.end()), alphabet.end());
  const std::size_t blocks = (s1.size() + kWordBits - 1) / kWordBits;
  std::vector<std::uint64_t> match_masks(alphabet.size() * blocks, 0);
  for (std::size_t i = 0; i < s1.size(); ++i) {
    const auto letter = static_cast<std::size_t>(
        std::lower_bound(alphabet.begin(), alphabet.end(), s1[i]) - alphabet.begin());
    match_masks[letter * blocks + i / kWordBits] |= std::uint64_t{1} << (i % kWordBits);
  }

  // Column j of VP/VN holds the vertical deltas after hypothesis symbol j.
  std::vector<std::uint64_t> vp_matrix(s2.size() * blocks);
  std::vector<std::uint64_t> vn_matrix(s2.size() * blocks);
  std::vector<std::uint64_t> vp(blocks, ~std::uint64_t{0});
  std::vector<std::uint64_t> vn(blocks, 0);
  const std::vector<std::uint64_t> no_match(blocks, 0);
  for (std::size_t j = 0; j < s2.size(); ++j) {
    const auto found = std::lower_bound(alphabet.begin(), alphabet.end(), s2[j]);
    const std::uint64_t* masks = no_match.data();
    if (found != alphabet.end() && *found == s2[j]) {
      masks = &match_masks[static_cast<std::size_t>(found - alphabet.begin()) * blocks];
    }
    int carry = 1;  // row 0 of the matrix grows by one per column
    for (std::size_t b = 0; b < blocks; ++b) {
      carry = AdvanceBlock(masks[b], vp[b], vn[b], carry);
      vp_matrix[j * blocks + b] = vp[b];
      vn_matrix[j * blocks + b] = vn[b];
    }
  }

  // RapidFuzz's walk back: deletion, else insertion, else diagonal.
  std::size_t col = s1.size();
  std::size_t row = s2.size();
  while (row != 0 && col != 0) {
    if (TestBit(vp_matrix, blocks, row - 1, col - 1)) {
      ++counts.deletions;
      --col;
      continue;
    }
    --row;
    if (row != 0 && TestBit(vn_matrix, blocks, row - 1, col - 1)) {
      ++counts.insertions;
      continue;
    }
    --col;
    if (s1[col] != s2[row]) {
      ++counts.substitutions;
    } else {
      ++counts.hits;
    }
  }
  counts.deletions += col;
  counts.insertions += row;
  return counts;
}

}  // namespace etalon::text
