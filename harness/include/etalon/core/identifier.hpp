// Ids (plans, adapters, suites, samples) end up in file names, URLs and
// journal keys, so they are restricted to a safe alphabet.
#pragma once

#include <string_view>

namespace etalon::core {

inline constexpr const char* kIdentifierRule =
    "must be 1 to 128 characters of letters, digits, '.', '_' and '-', not starting with '.'";

bool IsValidIdentifier(std::string_view id);

}  // namespace etalon::core
