#include "output_folder.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace etalon::cli {

std::optional<std::string> CreateOutputFolder(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) {
    return fmt::format("{}: cannot create the output folder: {}", path, error.message());
  }
  if (!std::filesystem::is_directory(path, error)) {
    return fmt::format("{}: cannot create the output folder: it exists and is not a folder", path);
  }
  return std::nullopt;
}

}  // namespace etalon::cli
