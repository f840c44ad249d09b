// A problem found in user input, located as precisely as we can: file, line,
// field. Loaders collect these instead of stopping at the first one, so
// `etalon validate` can print every problem in one pass.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace etalon::core {

struct Diagnostic {
  std::string file;   // as given by the user (relative paths stay relative)
  std::size_t line = 0;  // 1-based; 0 when the problem is about the whole file
  std::string field;  // dotted path of the field, empty when not about one field
  std::string message;

  // "file:line: field 'x': message", the one format every error uses.
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

// Thrown only by loaders' callers that cannot go on; carries every problem.
class InputError : public std::exception {
 public:
  explicit InputError(Diagnostics diagnostics);
  const char* what() const noexcept override { return text_.c_str(); }
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
  std::string text_;
};

}  // namespace etalon::core
