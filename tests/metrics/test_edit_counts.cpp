// text::CountEdits against a plain dynamic-programming matrix walked back
// with RapidFuzz's preference (deletion, then insertion, then diagonal), on
// random sequences long enough to span several 64-bit blocks.
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "etalon/text/edit_counts.hpp"

namespace {

using etalon::text::CountEdits;
using etalon::text::EditCounts;
using Symbols = std::vector<std::uint32_t>;

// The same specification, written the slow way: common prefix and suffix set
// aside, then a full matrix. At cell (i, j) the walk deletes when the cell
// above is one cheaper, otherwise inserts when the vertical step one column
// to the left goes down by one (Hyyrö's VN bit), otherwise goes diagonally.
EditCounts NaiveCounts(const Symbols& reference, const Symbols& hypothesis) {
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
  const Symbols a(reference.begin() + static_cast<std::ptrdiff_t>(prefix),
                  reference.end() - static_cast<std::ptrdiff_t>(suffix));
  const Symbols b(hypothesis.begin() + static_cast<std::ptrdiff_t>(prefix),
                  hypothesis.end() - static_cast<std::ptrdiff_t>(suffix));
  std::vector<std::vector<long>> d(a.size() + 1, std::vector<long>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = static_cast<long>(i);
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = static_cast<long>(j);
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  std::size_t i = a.size();
  std::size_t j = b.size();
  while (i > 0 && j > 0) {
    if (d[i][j] == d[i - 1][j] + 1) {
      ++counts.deletions;
      --i;
    } else if (j >= 2 && d[i][j - 1] - d[i - 1][j - 1] == -1) {
      ++counts.insertions;
      --j;
    } else {
      (a[i - 1] == b[j - 1] ? counts.hits : counts.substitutions) += 1;
      --i;
      --j;
    }
  }
  counts.deletions += i;
  counts.insertions += j;
  return counts;
}

Symbols RandomSymbols(std::mt19937& random, std::size_t length, std::uint32_t alphabet) {
  Symbols symbols(length);
  for (auto& symbol : symbols) {
    symbol = static_cast<std::uint32_t>(random() % alphabet);
  }
  return symbols;
}

}  // namespace

TEST_CASE("CountEdits follows RapidFuzz's alignment on random sequences", "[metrics][edit_counts]") {
  std::mt19937 random(20261128);
  for (int round = 0; round < 400; ++round) {
    const std::uint32_t alphabet = 2 + static_cast<std::uint32_t>(round % 7);
    const std::size_t reference_length = random() % (round < 300 ? 20 : 200);
    const std::size_t hypothesis_length = random() % (round < 300 ? 20 : 200);
    const Symbols reference = RandomSymbols(random, reference_length, alphabet);
    const Symbols hypothesis = RandomSymbols(random, hypothesis_length, alphabet);
    const EditCounts fast = CountEdits(reference, hypothesis);
    const EditCounts slow = NaiveCounts(reference, hypothesis);
    INFO("round " << round << ", lengths " << reference_length << " and " << hypothesis_length);
    CHECK(fast == slow);
    CHECK(fast.hits + fast.substitutions + fast.deletions == reference.size());
    CHECK(fast.hits + fast.substitutions + fast.insertions == hypothesis.size());
  }
}

TEST_CASE("CountEdits on empty and identical sequences", "[metrics][edit_counts]") {
  const Symbols empty;
  const Symbols three = {1, 2, 3};
  CHECK(CountEdits(empty, empty) == EditCounts{});
  CHECK(CountEdits(three, empty) == EditCounts{0, 0, 3, 0});
  CHECK(CountEdits(empty, three) == EditCounts{0, 0, 0, 3});
  CHECK(CountEdits(three, three) == EditCounts{3, 0, 0, 0});
}
