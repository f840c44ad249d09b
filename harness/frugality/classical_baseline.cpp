#include "etalon/frugality/classical_baseline.hpp"

namespace etalon::frugality {

bool IsClassicalBaseline(const std::string& kind, const std::string& preset, std::optional<bool> declared) {
  if (declared) {
    return *declared;
  }
  if (kind.rfind("builtin:", 0) == 0) {
    return true;
  }
  return kind == "command" && (preset == "tesseract" || preset == "apertium" || preset == "pocketsphinx");
}

}  // namespace etalon::frugality
