#include "etalon/core/identifier.hpp"

namespace etalon::core {

bool IsValidIdentifier(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '.') {
    return false;
  }
  for (const char c : id) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '_' || c == '-';
    if (!allowed) {
      return false;
    }
  }
  return true;
}

}  // namespace etalon::core
