#include "http/media_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "etalon/core/base64.hpp"

namespace etalon::adapters::http {

namespace {

core::Error Failure(std::string message) { return core::Error{core::ErrorKind::kAdapterFailure, 0, std::move(message)}; }

std::string ImageType(const std::filesystem::path& path) {
  auto extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  if (extension == ".jpg" || extension == ".jpeg") {
    return "image/jpeg";
  }
  if (extension == ".webp") {
    return "image/webp";
  }
  if (extension == ".gif") {
    return "image/gif";
  }
  return "image/png";
}

}  // namespace

std::variant<std::string, core::Error> MediaPath(const core::Request& request, const std::string& field) {
  if (request.fields == nullptr) {
    return Failure(fmt::format("sample has no text field '{}'", field));
  }
  const auto found = request.fields->find(field);
  if (found == request.fields->end() || !found->is_string()) {
    return Failure(fmt::format("sample has no text field '{}'", field));
  }
  const std::filesystem::path media(found->get<std::string>());
  // A dataset names files inside its own folder; anything else is refused.
  if (media.empty() || media.is_absolute() || std::find(media.begin(), media.end(), "..") != media.end()) {
    return Failure(fmt::format("field '{}' must be a path inside the dataset's folder, got '{}'", field,
                               media.string()));
  }
  const auto full = std::filesystem::path(request.dataset_dir) / media;
  std::error_code error;
  if (!std::filesystem::is_regular_file(full, error)) {
    return Failure(fmt::format("media file '{}' (field '{}') does not exist", full.string(), field));
  }
  return full.string();
}

std::variant<std::string, core::Error> ImageDataUrl(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return Failure(fmt::format("cannot read media file '{}'", path));
  }
  return fmt::format("data:{};base64,{}", ImageType(path), core::Base64(bytes));
}

}  // namespace etalon::adapters::http
