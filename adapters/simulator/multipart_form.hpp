// multipart/form-data (RFC 7578) as sent by OpenAI clients to
// /v1/audio/transcriptions: field name -> value (a file's bytes for files).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace etalon::simulator {

// The boundary parameter of a Content-Type header; std::nullopt when it is
// not multipart/form-data or has none.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// std::nullopt when the body is not well-formed for `boundary`.
std::optional<std::map<std::string, std::string>> ParseMultipartForm(std::string_view body,
                                                                     std::string_view boundary);

}  // namespace etalon::simulator
