#include "etalon/metrics/ter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

#include "etalon/metrics/decoded_sample.hpp"
#include "etalon/text/intern_tokens.hpp"
#include "etalon/text/python_str.hpp"

namespace etalon::metrics {

namespace {

// lib_ter.py's limits (the first three come from Tercom).
constexpr std::size_t kMaxShiftSize = 10;
constexpr std::ptrdiff_t kMaxShiftDistance = 50;
constexpr double kBeamWidth = 25;
constexpr std::size_t kMaxShiftCandidates = 1000;
constexpr std::int64_t kInfinity = 10'000'000'000'000'000;  // int(1e16), as lib_ter

using Words = std::vector<std::uint32_t>;

enum class Operation : char {
  kUndefined = 'x',
  kMatch = ' ',
  kSubstitute = 's',
  kInsert = 'i',  // in the matrix: a reference word; after the flip: a hypothesis word
  kDelete = 'd',
};

struct Cell {
  std::int64_t cost = kInfinity;
  Operation operation = Operation::kUndefined;
};

// lib_ter's BeamEditDistance: Levenshtein distance restricted to a beam
// around the (length-ratio) diagonal, with Tercom's preference among equal
// costs. Only the cells inside the beam are stored (memory and time grow with
// the hypothesis length times the beam, not with the product of the
// lengths); a cell outside it reads as infinite, as in lib_ter. Rows for a
// hypothesis prefix are reused from the previous call, as lib_ter's cache
// does: every hypothesis given to one instance has the same length (shifts
// preserve it), so a reused row is the row a fresh computation would give.
class BeamEditDistance {
 public:
  BeamEditDistance(std::span<const std::uint32_t> reference, std::size_t hypothesis_length)
      : reference_(reference), row_start_(hypothesis_length + 2, 0), row_begin_(hypothesis_length + 1, 0),
        row_end_(hypothesis_length + 1, 0) {
    const std::size_t columns = reference.size() + 1;
    const double length_ratio =
        hypothesis_length == 0 ? 1.0 : static_cast<double>(reference.size()) / static_cast<double>(hypothesis_length);
    const double beam_width =
        kBeamWidth < length_ratio / 2 ? std::ceil(length_ratio / 2 + kBeamWidth) : kBeamWidth;
    row_end_[0] = columns;  // row 0: every reference word inserted
    for (std::size_t i = 1; i <= hypothesis_length; ++i) {
      const double pseudo_diagonal = std::floor(static_cast<double>(i) * length_ratio);
      row_begin_[i] = static_cast<std::size_t>(std::max(0.0, pseudo_diagonal - beam_width));
      row_end_[i] = i == hypothesis_length
                        ? columns
                        : static_cast<std::size_t>(std::min(static_cast<double>(columns), pseudo_diagonal + beam_width));
      row_end_[i] = std::max(row_end_[i], row_begin_[i]);
    }
    for (std::size_t i = 0; i <= hypothesis_length; ++i) {
      row_start_[i + 1] = row_start_[i] + (row_end_[i] - row_begin_[i]);
    }
    cells_.resize(row_start_[hypothesis_length + 1]);
    for (std::size_t j = 0; j < columns; ++j) {
      cells_[j] = {static_cast<std::int64_t>(j), Operation::kInsert};
    }
  }

  std::int64_t Distance(const Words& hypothesis) {
    std::size_t reused = 0;
    if (computed_) {
      while (reused < hypothesis.size() && hypothesis[reused] == previous_[reused]) {
        ++reused;
      }
    }
    for (std::size_t i = reused + 1; i <= hypothesis.size(); ++i) {
      for (std::size_t j = row_begin_[i]; j < row_end_[i]; ++j) {
        Cell best;
        if (j == 0) {
          best = {At(i - 1, 0).cost + 1, Operation::kDelete};
        } else {
          const bool equal = hypothesis[i - 1] == reference_[j - 1];
          // Tercom prefers match/substitution, then (as the trace is flipped
          // afterwards) deletion, then insertion: a later option must be
          // strictly cheaper to win.
          const Cell options[] = {
              {At(i - 1, j - 1).cost + (equal ? 0 : 1), equal ? Operation::kMatch : Operation::kSubstitute},
              {At(i - 1, j).cost + 1, Operation::kDelete},
              {At(i, j - 1).cost + 1, Operation::kInsert},
          };
          for (const Cell& option : options) {
            if (best.cost > option.cost) {
              best = option;
            }
          }
        }
        cells_[row_start_[i] + j - row_begin_[i]] = best;
      }
    }
    previous_ = hypothesis;
    computed_ = true;
    return At(hypothesis.size(), reference_.size()).cost;
  }

  // The operations of the last Distance() call, from the start.
  std::vector<Operation> Trace() const {
    std::vector<Operation> trace;
    std::size_t i = previous_.size();
    std::size_t j = reference_.size();
    while (i > 0 || j > 0) {
      const Operation operation = At(i, j).operation;
      trace.push_back(operation);
      if (operation == Operation::kMatch || operation == Operation::kSubstitute) {
        --i;
        --j;
      } else if (operation == Operation::kInsert) {
        --j;
      } else if (operation == Operation::kDelete) {
        --i;
      } else {
        // lib_ter raises here; its beam widening makes the cell unreachable.
        // Stop rather than loop: the trace only steers shift candidates.
        break;
      }
    }
    std::reverse(trace.begin(), trace.end());
    return trace;
  }

 private:
  Cell At(std::size_t i, std::size_t j) const {
    if (j < row_begin_[i] || j >= row_end_[i]) {
      return {};
    }
    return cells_[row_start_[i] + j - row_begin_[i]];
  }

  std::span<const std::uint32_t> reference_;
  std::vector<std::size_t> row_start_;  // where each row's cells start in cells_
  std::vector<std::size_t> row_begin_;  // first column inside the beam
  std::vector<std::size_t> row_end_;    // one past the last column inside the beam
  std::vector<Cell> cells_;
  Words previous_;
  bool computed_ = false;
};

// lib_ter.trace_to_alignment on the flipped trace.
struct Alignment {
  std::vector<std::int64_t> hypothesis_position;  // per reference word; -1 before the first hypothesis word
  std::vector<int> reference_error;
  std::vector<int> hypothesis_error;
};

Alignment AlignFromTrace(const std::vector<Operation>& matrix_trace, std::size_t reference_size) {
  Alignment alignment;
  alignment.hypothesis_position.assign(reference_size, -1);
  std::int64_t hypothesis_position = -1;
  std::int64_t reference_position = -1;
  for (const Operation matrix_operation : matrix_trace) {
    // The matrix rewrites the hypothesis into the reference; the alignment
    // reads it the other way round, so insertions and deletions swap.
    switch (matrix_operation) {
      case Operation::kMatch:
      case Operation::kSubstitute: {
        const int error = matrix_operation == Operation::kSubstitute ? 1 : 0;
        ++hypothesis_position;
        ++reference_position;
        alignment.hypothesis_position[static_cast<std::size_t>(reference_position)] = hypothesis_position;
        alignment.hypothesis_error.push_back(error);
        alignment.reference_error.push_back(error);
        break;
      }
      case Operation::kDelete:  // flipped: an inserted hypothesis word
        ++hypothesis_position;
        alignment.hypothesis_error.push_back(1);
        break;
      case Operation::kInsert:  // flipped: a deleted reference word
        ++reference_position;
        alignment.hypothesis_position[static_cast<std::size_t>(reference_position)] = hypothesis_position;
        alignment.reference_error.push_back(1);
        break;
      case Operation::kUndefined:
        break;
    }
  }
  return alignment;
}

bool AnyError(const std::vector<int>& errors, std::size_t start, std::size_t length) {
  const std::size_t end = std::min(errors.size(), start + length);
  for (std::size_t i = std::min(start, end); i < end; ++i) {
    if (errors[i] != 0) {
      return true;
    }
  }
  return false;
}

void AppendSlice(const Words& words, std::size_t begin, std::size_t end, Words& out) {
  end = std::min(end, words.size());
  if (begin < end) {
    out.insert(out.end(), words.begin() + static_cast<std::ptrdiff_t>(begin),
               words.begin() + static_cast<std::ptrdiff_t>(end));
  }
}

// lib_ter._perform_shift, with Python's clamped slices.
Words PerformShift(const Words& words, std::size_t start, std::size_t length, std::size_t target) {
  Words shifted;
  shifted.reserve(words.size());
  if (target < start) {
    AppendSlice(words, 0, target, shifted);
    AppendSlice(words, start, start + length, shifted);
    AppendSlice(words, target, start, shifted);
    AppendSlice(words, start + length, words.size(), shifted);
  } else if (target > start + length) {
    AppendSlice(words, 0, start, shifted);
    AppendSlice(words, start + length, target, shifted);
    AppendSlice(words, start, start + length, shifted);
    AppendSlice(words, target, words.size(), shifted);
  } else {
    AppendSlice(words, 0, start, shifted);
    AppendSlice(words, start + length, length + target, shifted);
    AppendSlice(words, start, start + length, shifted);
    AppendSlice(words, length + target, words.size(), shifted);
  }
  return shifted;
}

struct ShiftResult {
  std::int64_t gain = 0;
  Words words;
};

// lib_ter._shift: the best single block shift, ranked as Tercom ranks them
// (largest gain, then longest block, then earliest start, then earliest
// target). `checked` counts candidates across the whole segment.
ShiftResult BestShift(const Words& words, std::span<const std::uint32_t> reference, BeamEditDistance& distance,
                      std::size_t& checked) {
  const std::int64_t before = distance.Distance(words);
  const Alignment alignment = AlignFromTrace(distance.Trace(), reference.size());

  using Rank = std::tuple<std::int64_t, std::size_t, std::int64_t, std::int64_t>;
  std::optional<Rank> best_rank;
  Words best_words;

  // One (start_h, start_r, length) triple from _find_shifted_pairs; returns
  // false once the candidate budget is spent.
  auto try_pair = [&](std::size_t start_h, std::size_t start_r, std::size_t length) {
    if (!AnyError(alignment.hypothesis_error, start_h, length) ||
        !AnyError(alignment.reference_error, start_r, length)) {
      return true;
    }
    const std::int64_t aligned = alignment.hypothesis_position[start_r];
    const auto start = static_cast<std::int64_t>(start_h);
    if (start <= aligned && aligned < start + static_cast<std::int64_t>(length)) {
      return true;
    }
    std::int64_t previous_target = -1;
    for (std::int64_t offset = -1; offset < static_cast<std::int64_t>(length); ++offset) {
      const std::int64_t reference_position = static_cast<std::int64_t>(start_r) + offset;
      // Every reference position has an alignment entry, and the block ends
      // inside the reference, so lib_ter's "out of bounds" break never fires.
      const std::int64_t target =
          reference_position == -1 ? 0
                                   : alignment.hypothesis_position[static_cast<std::size_t>(reference_position)] + 1;
      if (target == previous_target) {
        continue;
      }
      previous_target = target;
      Words shifted = PerformShift(words, start_h, length, static_cast<std::size_t>(target));
      const Rank rank{before - distance.Distance(shifted), length, -start, -target};
      ++checked;
      if (!best_rank || rank > *best_rank) {
        best_rank = rank;
        best_words = std::move(shifted);
      }
    }
    return checked < kMaxShiftCandidates;
  };

  bool budget_left = true;
  for (std::size_t start_h = 0; start_h < words.size() && budget_left; ++start_h) {
    for (std::size_t start_r = 0; start_r < reference.size() && budget_left; ++start_r) {
      const auto distance_apart = static_cast<std::ptrdiff_t>(start_r) - static_cast<std::ptrdiff_t>(start_h);
      if (distance_apart > kMaxShiftDistance || -distance_apart > kMaxShiftDistance) {
        continue;
      }
      std::size_t length = 0;
      while (budget_left && words[start_h + length] == reference[start_r + length] && length < kMaxShiftSize) {
        ++length;
        budget_left = try_pair(start_h, start_r, length);
        if (words.size() == start_h + length || reference.size() == start_r + length) {
          break;
        }
      }
    }
  }
  if (!best_rank) {
    return {0, words};
  }
  return {std::get<0>(*best_rank), std::move(best_words)};
}

std::vector<std::u32string_view> TercomWords(std::u32string_view sentence, std::u32string& storage) {
  storage = text::PythonLower(text::PythonRstrip(sentence));
  return text::PythonSplit(storage);
}

}  // namespace

Ter::Ter()
    : info_{"ter",
            "TER (sacrebleu 2.6.0 defaults: lowercased, Tercom shifts): total edits over total reference words, "
            "0-100, lower is better.",
            0,
            std::numeric_limits<double>::infinity(),
            false,
            Aggregation::kCorpus,
            "sacrebleu 2.6.0"} {}

std::size_t Ter::EditCount(std::span<const std::uint32_t> hypothesis, std::span<const std::uint32_t> reference) {
  if (reference.empty()) {
    return hypothesis.size();
  }
  BeamEditDistance distance(reference, hypothesis.size());
  Words words(hypothesis.begin(), hypothesis.end());
  std::size_t shifts = 0;
  std::size_t checked = 0;
  while (true) {
    ShiftResult shift = BestShift(words, reference, distance, checked);
    // lib_ter stops on the budget before looking at the gain.
    if (checked >= kMaxShiftCandidates || shift.gain <= 0) {
      break;
    }
    ++shifts;
    words = std::move(shift.words);
  }
  return shifts + static_cast<std::size_t>(distance.Distance(words));
}

std::vector<double> Ter::Statistics(std::u32string_view hypothesis, std::span<const std::u32string> references) const {
  std::vector<std::u32string> storage(references.size() + 1);
  std::vector<std::vector<std::u32string_view>> words;
  words.reserve(references.size() + 1);
  words.push_back(TercomWords(hypothesis, storage[0]));
  for (std::size_t i = 0; i < references.size(); ++i) {
    words.push_back(TercomWords(references[i], storage[i + 1]));
  }
  const auto ids = text::InternTokens(words);
  std::size_t best_edits = 0;
  std::size_t total_reference_length = 0;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    const std::size_t edits = EditCount(ids[0], ids[i]);
    total_reference_length += ids[i].size();
    if (i == 1 || edits < best_edits) {
      best_edits = edits;
    }
  }
  const double mean_reference_length =
      static_cast<double>(total_reference_length) / static_cast<double>(references.size());
  return {static_cast<double>(best_edits), mean_reference_length};
}

double Ter::FromStatistics(std::span<const double> statistics) {
  if (statistics.size() != kStatisticsSize) {
    return 0.0;
  }
  const double edits = statistics[0];
  const double reference_length = statistics[1];
  double score = 0.0;
  if (reference_length > 0) {
    score = edits / reference_length;
  } else if (edits > 0) {
    score = 1.0;  // empty reference(s) and a non-empty hypothesis
  }
  return 100 * score;
}

SampleScore Ter::Score(std::string_view output, const core::Sample& sample) const {
  return ScoreFromStatistics(
      output, sample, [this](const auto& hypothesis, const auto& references) { return Statistics(hypothesis, references); },
      [](const std::vector<double>& statistics) { return FromStatistics(statistics); });
}

double Ter::CorpusScore(const std::vector<double>& summed) const { return FromStatistics(summed); }

}  // namespace etalon::metrics
