// A published site's manifest.json: the sha256 and size of every file in the
// site, so anyone holding the site can check that no figure and no piece of
// its evidence was altered after publication (`etalon verify`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace etalon::reports {

inline constexpr const char* kManifestFileName = "manifest.json";
inline constexpr int kManifestSchema = 1;

struct ManifestEntry {
  std::string path;  // relative to the site, '/'-separated
  std::string sha256;
  std::uintmax_t bytes = 0;
};

struct Manifest {
  int schema = kManifestSchema;
  std::string etalon_version;
  std::vector<ManifestEntry> files;  // sorted by path
};

// Hashes every regular file under `site` except the manifest itself.
// Throws std::runtime_error naming a file that cannot be read.
Manifest BuildManifest(const std::filesystem::path& site);

// The manifest as JSON text: fixed field order, two-space indent, final newline.
std::string ManifestText(const Manifest& manifest);

// Reads the text of `source` (named in errors). Throws std::runtime_error
// naming the source and the field ("files[2].sha256") that is missing or
// malformed; paths that are absolute or climb out with ".." are malformed.
Manifest ParseManifest(const std::string& text, const std::string& source);

struct ManifestFinding {
  enum class Kind { kAltered, kMissing, kUnlisted };
  Kind kind;
  std::string path;
};

// Every difference between `site` as it is and `manifest`, sorted by path:
// listed files whose bytes changed or that are gone, and files not listed.
std::vector<ManifestFinding> CheckManifest(const std::filesystem::path& site, const Manifest& manifest);

}  // namespace etalon::reports
