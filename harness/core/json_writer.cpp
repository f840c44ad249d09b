#include "etalon/core/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "etalon/core/utf8.hpp"

namespace etalon::core {

namespace {

// Escapes `text` as nlohmann does (ensure_ascii off); false, having written
// part of it, when the text is not valid UTF-8. Runs of bytes that need no
// escape are copied whole.
bool AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t copied = 0;  // bytes of `text` already in `out`
  std::size_t at = 0;
  while ((at = PlainJsonAsciiEnd(text, at)) < text.size()) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      const auto length = Utf8SequenceLength(text, at);
      if (length == 0) return false;
      at += length;
      continue;
    }
    out.append(text.substr(copied, at - copied));
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    copied = ++at;
  }
  out.append(text.substr(copied));
  return true;
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_member_.empty()) {
    if (has_member_.back() != 0) text_ += ',';
    has_member_.back() = 1;
  }
}

// `"text"`, plus `suffix` when given, in one growth of the text: the way most
// strings and every key of a result line are written, so the byte-by-byte
// appends of the general path are kept for the strings that need escapes.
// False, writing nothing, when `text` needs escapes.
bool JsonWriter::AppendPlain(std::string_view text, std::string_view suffix) {
  if (PlainJsonAsciiEnd(text, 0) != text.size()) {
    return false;
  }
  const auto at = text_.size();
  text_.resize(at + text.size() + 2 + suffix.size());
  char* out = text_.data() + at;
  *out++ = '"';
  if (!text.empty()) {  // an empty view's data may be null, which memcpy must not get
    std::memcpy(out, text.data(), text.size());
    out += text.size();
  }
  *out++ = '"';
  if (!suffix.empty()) {
    std::memcpy(out, suffix.data(), suffix.size());
  }
  return true;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  text_ += '{';
  has_member_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  text_ += '}';
  has_member_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  text_ += '[';
  has_member_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  text_ += ']';
  has_member_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  if (!AppendPlain(key, ":")) {
    after_key_ = true;  // the value String writes is this key, with no comma before it
    String(key);
    text_ += ':';
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  BeforeValue();
  if (AppendPlain(text, {})) {
    return *this;
  }
  const auto start = text_.size();
  text_ += '"';
  if (!AppendEscaped(text_, text)) {
    // Invalid UTF-8: nlohmann's replacement rules, from nlohmann itself.
    text_.resize(start);
    text_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return *this;
  }
  text_ += '"';
  return *this;
}

JsonWriter& JsonWriter::Number(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    text_ += "null";
    return *this;
  }
  // nlohmann's own shortest round-trip formatting, as its serializer calls it.
  std::array<char, 64> buffer{};
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  text_.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  return *this;
}

JsonWriter& JsonWriter::Integer(std::int64_t value) {
  BeforeValue();
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  text_.append(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  text_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  text_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Value(const nlohmann::ordered_json& value) {
  if (value.is_null()) {
    return Null();  // the usual case (no price, no carbon figure), without a dump's serializer
  }
  BeforeValue();
  text_ += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return *this;
}

}  // namespace etalon::core
