#include "etalon/core/json_text.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "etalon/core/utf8.hpp"

namespace etalon::core {

using Json = nlohmann::json;

namespace {

// Deeper values go to nlohmann, whose parser needs no stack of its own.
constexpr int kMaxDepth = 64;
// Far below the 309 digits a double overflows at.
constexpr std::size_t kMaxNumberLength = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned char Byte(char c) { return static_cast<unsigned char>(c); }

}  // namespace

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : text_(text) {}

  static ValidatedJson Validated(std::string_view text) { return ValidatedJson(text); }

  std::size_t position() const { return at_; }
  bool AtEnd() const { return at_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[at_]; }

  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[at_])) ++at_;
  }

  bool Take(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++at_;
    return true;
  }

  // A string token from its opening quote; `plain` tells that it held no
  // escape, so that its bytes between the quotes are its value.
  bool String(bool& plain) {
    plain = true;
    if (Peek() != '"') return false;
    ++at_;
    while (!AtEnd()) {
      at_ = PlainJsonAsciiEnd(text_, at_);
      if (AtEnd()) break;
      const unsigned char c = Byte(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        plain = false;
        if (!Escape()) return false;
      } else if (c >= 0x80) {
        if (!Utf8Sequence()) return false;
      } else {
        ++at_;
      }
    }
    return false;
  }

  bool Value(int depth) {
    SkipSpace();
    switch (Peek()) {
      case '"': {
        bool plain = true;
        return String(plain);
      }
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number();
    }
  }

 private:
  bool Escape() {
    ++at_;  // the backslash
    if (AtEnd()) return false;
    const char kind = text_[at_++];
    switch (kind) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return true;
      case 'u': {
        if (text_.size() - at_ < 4) return false;
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
          const char h = text_[at_++];
          if (!IsHex(h)) return false;
          code = code * 16 + static_cast<unsigned>(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        return code < 0xD800 || code > 0xDFFF;  // surrogate pairs: nlohmann checks them
      }
      default:
        return false;
    }
  }

  // One well-formed UTF-8 sequence, as nlohmann accepts.
  bool Utf8Sequence() {
    const auto length = Utf8SequenceLength(text_, at_);
    at_ += length;
    return length != 0;
  }

  bool Literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool Digits() {
    const auto start = at_;
    while (!AtEnd() && IsDigit(text_[at_])) ++at_;
    return at_ > start;
  }

  // JSON's number grammar. An exponent of three digits or more, or a long
  // run of digits, may overflow a double, which nlohmann reports as an
  // error: not vouched for.
  bool Number() {
    const auto start = at_;
    if (Peek() == '-') ++at_;
    if (Peek() == '0') {
      ++at_;
    } else if (!Digits()) {
      return false;
    }
    if (Peek() == '.') {
      ++at_;
      if (!Digits()) return false;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++at_;
      if (Peek() == '+' || Peek() == '-') ++at_;
      const auto exponent = at_;
      if (!Digits() || at_ - exponent > 2) return false;
    }
    return at_ - start <= kMaxNumberLength;
  }

  bool Object(int depth) {
    if (depth > kMaxDepth) return false;
    ++at_;  // {
    if (Take('}')) return true;
    do {
      SkipSpace();
      bool plain = true;
      if (!String(plain) || !Take(':') || !Value(depth)) return false;
    } while (Take(','));
    return Take('}');
  }

  bool Array(int depth) {
    if (depth > kMaxDepth) return false;
    ++at_;  // [
    if (Take(']')) return true;
    do {
      if (!Value(depth)) return false;
    } while (Take(','));
    return Take(']');
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

namespace {

// Builds a value from text the scanner has validated, as nlohmann's parser
// would (same types: integers without a sign are unsigned, with one signed,
// a float or an integer out of range a double; a repeated key keeps its
// last value); strings with escapes are decoded by nlohmann.
class ValidatedValueBuilder {
 public:
  explicit ValidatedValueBuilder(std::string_view text) : text_(text) {}

  Json Value() {
    SkipSpace();
    switch (text_[at_]) {
      case '{':
        return Object();
      case '[':
        return Array();
      case '"':
        return Json(String());
      case 't':
        at_ += 4;
        return Json(true);
      case 'f':
        at_ += 5;
        return Json(false);
      case 'n':
        at_ += 4;
        return Json(nullptr);
      default:
        return Number();
    }
  }

 private:
  void SkipSpace() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  // Consumes `,` and tells whether another member follows, or consumes the closing bracket.
  bool More() {
    SkipSpace();
    return text_[at_++] == ',';
  }

  Json Object() {
    ++at_;
    Json object = Json::object();
    SkipSpace();
    if (text_[at_] == '}') {
      ++at_;
      return object;
    }
    do {
      SkipSpace();
      auto key = String();
      SkipSpace();
      ++at_;  // :
      object[std::move(key)] = Value();
    } while (More());
    return object;
  }

  Json Array() {
    ++at_;
    Json array = Json::array();
    SkipSpace();
    if (text_[at_] == ']') {
      ++at_;
      return array;
    }
    do {
      array.push_back(Value());
    } while (More());
    return array;
  }

  std::string String() {
    const auto start = at_++;
    bool plain = true;
    for (at_ = PlainJsonAsciiEnd(text_, at_); text_[at_] != '"'; at_ = PlainJsonAsciiEnd(text_, at_)) {
      if (text_[at_] == '\\') {
        plain = false;
        ++at_;  // the escaped character; a \u escape's hex digits pass as plain bytes
      }
      ++at_;
    }
    ++at_;
    const auto token = text_.substr(start, at_ - start);
    if (plain) {
      return std::string(token.substr(1, token.size() - 2));
    }
    return Json::parse(token).get<std::string>();
  }

  Json Number() {
    const auto start = at_;
    bool integral = true;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      ++at_;
    }
    const auto token = text_.substr(start, at_ - start);
    const char* first = token.data();
    const char* last = token.data() + token.size();
    if (integral) {
      if (token.front() == '-') {
        std::int64_t value = 0;
        if (const auto [end, error] = std::from_chars(first, last, value); error == std::errc() && end == last) {
          return Json(value);
        }
      } else {
        std::uint64_t value = 0;
        if (const auto [end, error] = std::from_chars(first, last, value); error == std::errc() && end == last) {
          return Json(value);
        }
      }
    }
    double value = 0;
    std::from_chars(first, last, value);  // correctly rounded, as strtod in nlohmann
    return Json(value);
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

Json ValidatedJson::Build() const { return ValidatedValueBuilder(text_).Value(); }

namespace {

// Finds where values end in text the scanner validated, without checking it
// again: a nested object or array was scanned once with the whole line, and
// scanning it again to read its members was a third of a result line's reading.
class ValidatedWalker {
 public:
  ValidatedWalker(std::string_view text, std::size_t at) : text_(text), at_(at) {}

  std::size_t position() const { return at_; }
  char Peek() const { return text_[at_]; }
  void Advance() { ++at_; }

  void SkipSpace() {
    while (at_ < text_.size() && IsSpace(text_[at_])) ++at_;
  }

  // From a string's opening quote to past its closing one; `escaped` tells
  // that it held a backslash.
  void SkipString(bool& escaped) {
    ++at_;
    for (;;) {
      at_ = PlainJsonAsciiEnd(text_, at_);
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return;
      }
      if (c == '\\') {
        escaped = true;
        at_ += 2;  // an escape's second byte is never a quote (\uXXXX's digits neither)
      } else {
        ++at_;  // a byte of a UTF-8 sequence
      }
    }
  }

  void SkipValue() {
    bool escaped = false;
    switch (text_[at_]) {
      case '"':
        SkipString(escaped);
        return;
      case '{':
      case '[': {
        int depth = 0;
        do {
          const char c = text_[at_];
          if (c == '"') {
            SkipString(escaped);
            continue;
          }
          depth += (c == '{' || c == '[') ? 1 : (c == '}' || c == ']') ? -1 : 0;
          ++at_;
        } while (depth > 0);
        return;
      }
      default:  // a number or a literal
        while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']' &&
               !IsSpace(text_[at_])) {
          ++at_;
        }
    }
  }

 private:
  std::string_view text_;
  std::size_t at_;
};

}  // namespace

bool ValidatedJson::ForEachMember(
    const std::function<void(std::string_view key, const ValidatedJson& value)>& member) const {
  if (!IsObject()) return false;
  ValidatedWalker walker(text_, 1);
  walker.SkipSpace();
  if (walker.Peek() == '}') return true;
  for (;;) {
    walker.SkipSpace();
    const auto key_start = walker.position() + 1;
    bool escaped = false;
    walker.SkipString(escaped);
    if (escaped) return false;
    const auto key = text_.substr(key_start, walker.position() - 1 - key_start);
    walker.SkipSpace();
    walker.Advance();  // :
    walker.SkipSpace();
    const auto value_start = walker.position();
    walker.SkipValue();
    member(key, ValidatedJson(text_.substr(value_start, walker.position() - value_start)));
    walker.SkipSpace();
    if (walker.Peek() != ',') return true;  // the closing brace
    walker.Advance();
  }
}

bool ValidatedJson::ForEachElement(const std::function<void(const ValidatedJson& element)>& element) const {
  if (!IsArray()) return false;
  ValidatedWalker walker(text_, 1);
  walker.SkipSpace();
  if (walker.Peek() == ']') return true;
  for (;;) {
    walker.SkipSpace();
    const auto start = walker.position();
    walker.SkipValue();
    element(ValidatedJson(text_.substr(start, walker.position() - start)));
    walker.SkipSpace();
    if (walker.Peek() != ',') return true;  // the closing bracket
    walker.Advance();
  }
}

bool ScanObjectFields(std::string_view text,
                      const std::function<void(std::string_view key, const ValidatedJson& value)>& field) {
  JsonScanner scanner(text);
  if (!scanner.Take('{')) return false;
  if (!scanner.Take('}')) {
    do {
      scanner.SkipSpace();
      const auto key_start = scanner.position();
      bool plain = true;
      if (!scanner.String(plain) || !plain) return false;
      const auto key = text.substr(key_start + 1, scanner.position() - key_start - 2);
      if (!scanner.Take(':')) return false;
      scanner.SkipSpace();
      const auto value_start = scanner.position();
      if (!scanner.Value(1)) return false;
      field(key, JsonScanner::Validated(text.substr(value_start, scanner.position() - value_start)));
    } while (scanner.Take(','));
    if (!scanner.Take('}')) return false;
  }
  scanner.SkipSpace();
  return scanner.AtEnd();
}

bool ScanArrayElements(std::string_view text, const std::function<void(const ValidatedJson& element)>& element) {
  JsonScanner scanner(text);
  if (!scanner.Take('[')) return false;
  if (!scanner.Take(']')) {
    do {
      scanner.SkipSpace();
      const auto element_start = scanner.position();
      if (!scanner.Value(1)) return false;
      element(JsonScanner::Validated(text.substr(element_start, scanner.position() - element_start)));
    } while (scanner.Take(','));
    if (!scanner.Take(']')) return false;
  }
  scanner.SkipSpace();
  return scanner.AtEnd();
}

namespace {

// The value of `text` when the scanner vouches for it.
std::optional<Json> ParseVouched(std::string_view text) {
  JsonScanner scanner(text);
  scanner.SkipSpace();
  const auto start = scanner.position();
  if (!scanner.Value(0)) return std::nullopt;
  const auto end = scanner.position();
  scanner.SkipSpace();
  if (!scanner.AtEnd()) return std::nullopt;
  return JsonScanner::Validated(text.substr(start, end - start)).Build();
}

}  // namespace

Json ParseJson(std::string_view text) {
  if (auto value = ParseVouched(text)) {
    return std::move(*value);
  }
  return Json::parse(text);
}

Json ParseJsonOrDiscarded(std::string_view text) {
  if (auto value = ParseVouched(text)) {
    return std::move(*value);
  }
  return Json::parse(text, nullptr, false);
}

}  // namespace etalon::core
