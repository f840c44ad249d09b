// Well-formed UTF-8, one sequence at a time (Unicode 15, table 3-7; RFC
// 3629): no overlong forms, no surrogates, nothing above U+10FFFF. The JSON
// reader and writer accept exactly what nlohmann accepts with it, and the
// reports replace what it refuses.
#pragma once

#include <cstddef>
#include <string_view>

namespace etalon::core {

// Length of the well-formed sequence starting at `at` (1 for ASCII), or 0.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

}  // namespace etalon::core
