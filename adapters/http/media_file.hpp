// Media files named by a sample (an image for OCR, a recording for speech),
// resolved inside the dataset's folder, and images as data URLs for vision models.
#pragma once

#include <string>
#include <variant>

#include "etalon/core/request.hpp"
#include "etalon/core/response.hpp"

namespace etalon::adapters::http {

// The path of the file named by text field `field`, relative to the request's
// dataset folder; an error when the field is missing, leaves the folder or
// names no file.
std::variant<std::string, core::Error> MediaPath(const core::Request& request, const std::string& field);

// "data:<type>;base64,<bytes>"; the type comes from the extension.
std::variant<std::string, core::Error> ImageDataUrl(const std::string& path);

}  // namespace etalon::adapters::http
