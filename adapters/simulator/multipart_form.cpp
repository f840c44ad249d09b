#include "multipart_form.hpp"

#include <algorithm>
#include <cctype>

namespace etalon::simulator {

namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// The value of `name="..."` in a Content-Disposition header.
std::optional<std::string> DispositionName(std::string_view headers) {
  const std::string lower = Lower(headers);
  std::size_t at = 0;
  while ((at = lower.find("name=\"", at)) != std::string::npos) {
    if (at == 0 || lower[at - 1] == ' ' || lower[at - 1] == ';') {  // not filename="
      const std::size_t start = at + 6;
      const std::size_t end = headers.find('"', start);
      if (end == std::string_view::npos) {
        return std::nullopt;
      }
      return std::string(headers.substr(start, end - start));
    }
    at += 6;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const std::string lower = Lower(content_type);
  if (lower.rfind("multipart/form-data", 0) != 0) {
    return std::nullopt;
  }
  const std::size_t at = lower.find("boundary=");
  if (at == std::string::npos) {
    return std::nullopt;
  }
  std::string_view value = content_type.substr(at + 9);
  value = value.substr(0, value.find(';'));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  if (value.empty()) {
    return std::nullopt;
  }
  return std::string(value);
}

std::optional<std::map<std::string, std::string>> ParseMultipartForm(std::string_view body,
                                                                     std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::map<std::string, std::string> fields;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") {
      return fields;  // the closing delimiter
    }
    if (body.substr(at, 2) != "\r\n") {
      return std::nullopt;
    }
    at += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view headers = body.substr(at, headers_end - at);
    const std::size_t content_start = headers_end + 4;
    const std::size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) {
      return std::nullopt;
    }
    const auto name = DispositionName(headers);
    if (!name) {
      return std::nullopt;
    }
    fields[*name] = std::string(body.substr(content_start, next - content_start));
    at = next + 2;
  }
}

}  // namespace etalon::simulator
