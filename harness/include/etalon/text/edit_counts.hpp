// Word or character alignment counts for WER-style metrics, matching jiwer
// 4.0.0, which takes RapidFuzz's Levenshtein opcodes (rapidfuzz 3.14.5).
//
// Several optimal alignments often exist; the edit distance is the same for
// all of them, but the number of hits (hence MER and WIL) is not. RapidFuzz
// first sets aside the common prefix and suffix, then computes the
// bit-parallel Levenshtein matrix (Hyyrö, "A Note on Bit-Parallel Alignment
// Computation", 2004) and walks back from the end: a deletion when the cell
// above costs one less, otherwise an insertion when the vertical difference
// one column to the left is -1, otherwise the diagonal. CountEdits follows
// the same walk, so the counts equal jiwer's on every input. Like RapidFuzz,
// it keeps the whole bit matrix: about len(reference) * len(hypothesis) / 4
// bytes once the common prefix and suffix are set aside (100 MB for two
// 20,000-character transcripts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace etalon::text {

struct EditCounts {
  std::size_t hits = 0;
  std::size_t substitutions = 0;
  std::size_t deletions = 0;   // reference symbols missing from the hypothesis
  std::size_t insertions = 0;  // hypothesis symbols absent from the reference

  friend bool operator==(const EditCounts&, const EditCounts&) = default;
};

// Counts for turning `reference` into `hypothesis`; symbols are compared by value.
EditCounts CountEdits(std::span<const std::uint32_t> reference, std::span<const std::uint32_t> hypothesis);

}  // namespace etalon::text
