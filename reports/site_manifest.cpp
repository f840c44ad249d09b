#include "etalon/reports/site_manifest.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "etalon/core/sha256.hpp"
#include "etalon/version.hpp"

namespace etalon::reports {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Relative paths of the site's regular files, manifest excluded, sorted.
std::vector<std::string> SiteFiles(const fs::path& site) {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = entry.path().lexically_relative(site).generic_string();
    if (relative != kManifestFileName) paths.push_back(relative);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

bool IsSafeRelativePath(const std::string& path) {
  const fs::path parsed(path);
  if (path.empty() || parsed.is_absolute() || path.find('\\') != std::string::npos) return false;
  return std::none_of(parsed.begin(), parsed.end(),
                      [](const fs::path& part) { return part == ".." || part == "." || part.empty(); });
}

[[noreturn]] void Malformed(const std::string& source, const std::string& field, const std::string& expected) {
  throw std::runtime_error(fmt::format("{}: field '{}' {}", source, field, expected));
}

}  // namespace

Manifest BuildManifest(const fs::path& site) {
  Manifest manifest;
  manifest.etalon_version = kVersion;
  for (const auto& path : SiteFiles(site)) {
    const auto digest = core::Sha256HexOfFile(site / path);
    if (!digest) throw std::runtime_error(fmt::format("{}: cannot read", (site / path).string()));
    manifest.files.push_back({path, *digest, fs::file_size(site / path)});
  }
  return manifest;
}

std::string ManifestText(const Manifest& manifest) {
  Json files = Json::array();
  for (const auto& file : manifest.files) {
    files.push_back({{"path", file.path}, {"sha256", file.sha256}, {"bytes", file.bytes}});
  }
  const Json document = {{"schema", manifest.schema}, {"etalon", {{"version", manifest.etalon_version}}},
                         {"files", files}};
  return document.dump(2) + "\n";
}

Manifest ParseManifest(const std::string& text, const std::string& source) {
  const auto document = Json::parse(text, nullptr, false);
  if (document.is_discarded()) throw std::runtime_error(source + ": not valid JSON");
  if (!document.is_object()) Malformed(source, "(top level)", "must be an object");
  Manifest manifest;
  const auto schema = document.find("schema");
  if (schema == document.end() || !schema->is_number_integer()) Malformed(source, "schema", "must be an integer");
  if (schema->get<int>() != kManifestSchema) {
    Malformed(source, "schema", fmt::format("is {}, this etalon reads {}", schema->dump(), kManifestSchema));
  }
  manifest.schema = schema->get<int>();
  const auto etalon = document.find("etalon");
  if (etalon == document.end() || !etalon->is_object() || !etalon->contains("version") ||
      !etalon->at("version").is_string()) {
    Malformed(source, "etalon.version", "must be a string");
  }
  manifest.etalon_version = etalon->at("version").get<std::string>();
  const auto files = document.find("files");
  if (files == document.end() || !files->is_array()) Malformed(source, "files", "must be an array");
  for (std::size_t i = 0; i < files->size(); ++i) {
    const auto& file = files->at(i);
    const auto field = [&](const char* name) { return fmt::format("files[{}].{}", i, name); };
    if (!file.is_object()) Malformed(source, fmt::format("files[{}]", i), "must be an object");
    ManifestEntry entry;
    if (!file.contains("path") || !file.at("path").is_string() ||
        !IsSafeRelativePath(file.at("path").get<std::string>())) {
      Malformed(source, field("path"), "must be a relative path inside the site (no '..')");
    }
    entry.path = file.at("path").get<std::string>();
    const auto is_hex_digest = [](const Json& value) {
      if (!value.is_string()) return false;
      const auto& text = value.get_ref<const std::string&>();
      return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
             });
    };
    if (!file.contains("sha256") || !is_hex_digest(file.at("sha256"))) {
      Malformed(source, field("sha256"), "must be 64 lowercase hex digits");
    }
    entry.sha256 = file.at("sha256").get<std::string>();
    if (!file.contains("bytes") || !file.at("bytes").is_number_unsigned()) {
      Malformed(source, field("bytes"), "must be a non-negative integer");
    }
    entry.bytes = file.at("bytes").get<std::uintmax_t>();
    manifest.files.push_back(std::move(entry));
  }
  return manifest;
}

std::vector<ManifestFinding> CheckManifest(const fs::path& site, const Manifest& manifest) {
  std::map<std::string, ManifestFinding::Kind> findings;
  std::map<std::string, const ManifestEntry*> listed;
  for (const auto& file : manifest.files) listed.emplace(file.path, &file);
  for (const auto& [path, entry] : listed) {
    std::error_code error;
    if (!fs::is_regular_file(site / path, error)) {
      findings.emplace(path, ManifestFinding::Kind::kMissing);
      continue;
    }
    const auto digest = core::Sha256HexOfFile(site / path);
    if (!digest || *digest != entry->sha256 || fs::file_size(site / path) != entry->bytes) {
      findings.emplace(path, ManifestFinding::Kind::kAltered);
    }
  }
  for (const auto& path : SiteFiles(site)) {
    if (listed.count(path) == 0) findings.emplace(path, ManifestFinding::Kind::kUnlisted);
  }
  std::vector<ManifestFinding> sorted;
  for (const auto& [path, kind] : findings) sorted.push_back({kind, path});
  return sorted;
}

}  // namespace etalon::reports
