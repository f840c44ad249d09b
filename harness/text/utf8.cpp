#include "etalon/text/utf8.hpp"

#include <utf8proc.h>

namespace etalon::text {

std::optional<std::u32string> DecodeUtf8(std::string_view bytes) {
  // At most one code point per byte: write into a buffer of that size and
  // trim it, rather than growing it one code point at a time.
  std::u32string out(bytes.size(), U'\0');
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(bytes.size());
  while (remaining > 0) {
    // ASCII is always valid and is most of the text: skip utf8proc for it.
    if (*data < 0x80) {
      out[size++] = static_cast<char32_t>(*data);
      ++data;
      --remaining;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(data, remaining, &code_point);
    if (used < 0) {
      return std::nullopt;
    }
    out[size++] = static_cast<char32_t>(code_point);
    data += used;
    remaining -= used;
  }
  out.resize(size);
  return out;
}

bool IsValidUtf8(std::string_view bytes) { return DecodeUtf8(bytes).has_value(); }

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  utf8proc_uint8_t buffer[4];
  for (const char32_t code_point : code_points) {
    const auto size = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
  }
  return out;
}

std::string ToLower(std::string_view utf8) {
  const auto decoded = DecodeUtf8(utf8);
  if (!decoded) {
    return std::string(utf8);
  }
  std::u32string lowered;
  lowered.reserve(decoded->size());
  for (const char32_t code_point : *decoded) {
    // Python lowercases U+0130 (I with dot above) to "i" + U+0307; utf8proc's
    // simple mapping gives "i". Follow Python, the reference for our metrics.
    if (code_point == U'\u0130') {
      lowered.push_back(U'i');
      lowered.push_back(U'\u0307');
      continue;
    }
    lowered.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point))));
  }
  return EncodeUtf8(lowered);
}

bool IsPythonWhitespace(char32_t c) {
  // Most characters are printable ASCII: answer them before the full list.
  if (c > U' ' && c < 0x85) {
    return false;
  }
  // CPython's _PyUnicode_IsWhitespace: bidirectional types WS, B, S plus the
  // Zs category. Listed explicitly so the answer never depends on a table version.
  switch (c) {
    case U'\t': case U'\n': case U'\v': case U'\f': case U'\r':
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case U' ':
    case 0x85: case 0xA0: case 0x1680:
    case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> SplitWhitespace(std::string_view utf8) {
  std::vector<std::string> words;
  const auto decoded = DecodeUtf8(utf8);
  if (!decoded) {
    return words;
  }
  std::u32string current;
  for (const char32_t c : *decoded) {
    if (IsPythonWhitespace(c)) {
      if (!current.empty()) {
        words.push_back(EncodeUtf8(current));
        current.clear();
      }
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) {
    words.push_back(EncodeUtf8(current));
  }
  return words;
}

namespace {

bool IsLetterOrDigit(char32_t c) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:  // combining accents stay in the word
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string> WordTokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  const auto decoded = DecodeUtf8(utf8);
  if (!decoded) {
    return tokens;
  }
  std::u32string current;
  auto flush = [&] {
    if (!current.empty()) {
      tokens.push_back(ToLower(EncodeUtf8(current)));
      current.clear();
    }
  };
  for (const char32_t c : *decoded) {
    if (IsLetterOrDigit(c)) {
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

}  // namespace etalon::text
