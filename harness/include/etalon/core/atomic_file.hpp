// Writes a whole file so that readers see the old or the new content, never
// a half-written one: a temporary file beside it, fsync, then rename.
#pragma once

#include <string>
#include <string_view>

namespace etalon::core {

// Throws std::runtime_error naming the path and the system's reason.
void WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace etalon::core
