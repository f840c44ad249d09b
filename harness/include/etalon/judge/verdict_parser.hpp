// Reads a judge's answer. The rubric asks for one JSON object:
//   score:     {"raisonnement": "...", "note": 1..5}
//   pass_fail: {"raisonnement": "...", "verdict": "oui" | "non"}
//   pairwise:  {"raisonnement": "...", "gagnant": "A" | "B" | "égalité"}
// Models wrap such objects in prose or code fences, so the last balanced
// {...} in the text that parses and holds the verdict key is taken. Anything
// else is an unparsable verdict with a reason; the caller records it with
// the raw text, never drops it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "etalon/config/rubric.hpp"

namespace etalon::judge {

enum class Position { kA, kB, kTie };

std::string_view ToString(Position position);

struct Verdict {
  std::optional<int> score;           // score mode
  std::optional<bool> pass;           // pass_fail mode
  std::optional<Position> preferred;  // pairwise mode
  std::string reasoning;              // "" when the judge gave none
};

struct ParsedVerdict {
  std::optional<Verdict> verdict;
  std::string problem;  // why there is no verdict
};

ParsedVerdict ParseVerdict(config::JudgeMode mode, std::string_view text);

}  // namespace etalon::judge
