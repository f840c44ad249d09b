// text::NgramMatches against counting n-grams in std::map, on random
// sequences: small alphabets (the packed path), more than 1023 distinct
// symbols (the hash path for order 6) and symbols above U+FFFF (renumbering
// by sorting).
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <vector>

#include <catch2/catch.hpp>

#include "etalon/text/ngram_overlap.hpp"

namespace {

using Symbols = std::vector<std::uint32_t>;
using Counts = std::map<Symbols, std::size_t>;

Counts CountNgrams(const Symbols& symbols, int order) {
  Counts counts;
  const auto n = static_cast<std::size_t>(order);
  for (std::size_t i = 0; i + n <= symbols.size(); ++i) {
    ++counts[Symbols(symbols.begin() + static_cast<std::ptrdiff_t>(i),
                     symbols.begin() + static_cast<std::ptrdiff_t>(i + n))];
  }
  return counts;
}

std::size_t NaiveClipped(const Symbols& hypothesis, const std::vector<Symbols>& references, int order) {
  std::size_t total = 0;
  std::vector<Counts> in_references;
  for (const auto& reference : references) {
    in_references.push_back(CountNgrams(reference, order));
  }
  for (const auto& [ngram, count] : CountNgrams(hypothesis, order)) {
    std::size_t best = 0;
    for (const auto& counts : in_references) {
      const auto found = counts.find(ngram);
      best = std::max(best, found == counts.end() ? 0 : found->second);
    }
    total += std::min(count, best);
  }
  return total;
}

Symbols RandomSymbols(std::mt19937& random, std::size_t length, std::uint32_t base, std::uint32_t alphabet) {
  Symbols symbols(length);
  for (auto& symbol : symbols) {
    symbol = base + static_cast<std::uint32_t>(random() % alphabet);
  }
  return symbols;
}

void CheckAgainstNaive(std::mt19937& random, std::uint32_t base, std::uint32_t alphabet, std::size_t length) {
  for (int round = 0; round < 40; ++round) {
    const Symbols hypothesis = RandomSymbols(random, random() % length, base, alphabet);
    std::vector<Symbols> references;
    const std::size_t reference_count = 1 + random() % 3;
    for (std::size_t r = 0; r < reference_count; ++r) {
      references.push_back(RandomSymbols(random, random() % length, base, alphabet));
    }
    std::vector<std::span<const std::uint32_t>> spans(references.begin(), references.end());
    for (const int max_order : {1, 2, 4, 6}) {
      const auto matches = etalon::text::NgramMatches(hypothesis, spans, max_order);
      REQUIRE(matches.size() == static_cast<std::size_t>(max_order));
      for (int order = 1; order <= max_order; ++order) {
        INFO("round " << round << ", max order " << max_order << ", order " << order);
        CHECK(matches[static_cast<std::size_t>(order - 1)] == NaiveClipped(hypothesis, references, order));
      }
    }
  }
}

}  // namespace

TEST_CASE("NgramMatches counts clipped n-grams exactly", "[metrics][ngram]") {
  std::mt19937 random(42);
  SECTION("small alphabet, packed") { CheckAgainstNaive(random, 'a', 4, 60); }
  SECTION("more distinct symbols than 10 bits hold") { CheckAgainstNaive(random, 0x4E00, 1500, 3000); }
  SECTION("symbols beyond the Basic Multilingual Plane") { CheckAgainstNaive(random, 0x1F600, 5, 40); }
}

TEST_CASE("NgramCount counts windows", "[metrics][ngram]") {
  const Symbols five = {1, 2, 3, 4, 5};
  CHECK(etalon::text::NgramCount(five, 1) == 5);
  CHECK(etalon::text::NgramCount(five, 5) == 1);
  CHECK(etalon::text::NgramCount(five, 6) == 0);
  CHECK(etalon::text::NgramCount({}, 1) == 0);
}
