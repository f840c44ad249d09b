// The folder a command writes its documents into (reports, a site): created
// up front, so a path that cannot hold files (its parent is a file, a
// read-only mount, no permission) is the user's error, named, before any work.
#pragma once

#include <optional>
#include <string>

namespace etalon::cli {

// Creates `path` and its parents when missing; the error message naming it otherwise.
std::optional<std::string> CreateOutputFolder(const std::string& path);

}  // namespace etalon::cli
