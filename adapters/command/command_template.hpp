// The argv template of the command adapter: a list of arguments in which
// {{placeholders}} stand for per-request values. Each placeholder is replaced
// inside its own argument and never splits it, so a value (a prompt with
// spaces, quotes, `;`, `$(...)` or newlines) always reaches the program as
// part of exactly one argv element, and no shell ever reads it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::adapters {

enum class Placeholder {
  kInputFile,   // {{input_file}}: a temp file holding the input text
  kText,        // {{text}}: the input text itself
  kLang,        // {{lang}}: the sample's `lang` field
  kSourceLang,  // {{source_lang}}: the sample's `source_lang` field
  kTargetLang,  // {{target_lang}}: the sample's `target_lang` field
  kOutputFile,  // {{output_file}}: a temp path the program writes its answer to
  kMedia,       // {{media}}: the media file a sample field names, resolved against the dataset's folder
  kModel,       // {{model}}: the plan entry's `model`
};

inline constexpr std::size_t kPlaceholderCount = 8;

// The text of each placeholder, indexed by Placeholder.
using PlaceholderValues = std::array<std::string, kPlaceholderCount>;

std::string_view PlaceholderName(Placeholder placeholder);

class CommandTemplate {
 public:
  // Parses `arguments` (the program first). Returns nullopt and sets
  // `problem` for an empty list, an unknown or unclosed placeholder, or a
  // placeholder in the program name (the program must be fixed by the plan).
  static std::optional<CommandTemplate> Parse(const std::vector<std::string>& arguments, std::string& problem);

  const std::string& Program() const { return program_; }
  bool Uses(Placeholder placeholder) const;
  // argv[0] and every argument with its placeholders replaced.
  std::vector<std::string> Expand(const PlaceholderValues& values) const;

 private:
  struct Piece {
    std::string literal;                     // text before the placeholder
    std::optional<Placeholder> placeholder;  // absent for the trailing text
  };

  std::string program_;
  std::vector<std::vector<Piece>> arguments_;  // after the program
};

}  // namespace etalon::adapters
