#include "etalon/core/diagnostic.hpp"

#include <fmt/format.h>

namespace etalon::core {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
  }
  out += ": ";
  if (!field.empty()) {
    out += fmt::format("field '{}': ", field);
  }
  out += message;
  return out;
}

namespace {

std::string JoinDiagnostics(const Diagnostics& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    if (!text.empty()) {
      text += '\n';
    }
    text += diagnostic.ToString();
  }
  return text;
}

}  // namespace

InputError::InputError(Diagnostics diagnostics)
    : diagnostics_(std::move(diagnostics)), text_(JoinDiagnostics(diagnostics_)) {}

}  // namespace etalon::core
