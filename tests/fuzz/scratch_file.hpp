// The loaders under test read paths, not buffers: each fuzz input is written
// to one file per process (named after the pid, so parallel fuzzing jobs do
// not share it) and the loader is pointed at it.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace etalon::fuzz {

// Writes `size` bytes to <tmp>/etalon-fuzz-<pid>/<name> and returns the path.
inline std::string WriteScratchFile(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const auto folder = std::filesystem::temp_directory_path() / ("etalon-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto path = (folder / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace etalon::fuzz
