// Writes JSON text without building a tree first, byte for byte as
// nlohmann's dump(-1, ' ', false, error_handler_t::replace) would write the
// same values: keys in the order written, no spaces, non-ASCII UTF-8 as is,
// invalid UTF-8 replaced by U+FFFD, doubles in nlohmann's shortest form
// ("1.0", "1e-05"), non-finite doubles as null. Result lines are written
// this way: building an ordered_json and dumping it cost a run's
// completion thread more than the rest of its work on an answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::core {

class JsonWriter {
 public:
  // `capacity`: the bytes the text is expected to take, reserved at once.
  explicit JsonWriter(std::size_t capacity = 0) { text_.reserve(capacity); }

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value, inside an object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view text);
  JsonWriter& Number(double value);
  JsonWriter& Integer(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already built, as its dump.
  JsonWriter& Value(const nlohmann::ordered_json& value);

  template <typename T>
  JsonWriter& Optional(const std::optional<T>& value) {
    if (!value) return Null();
    if constexpr (std::is_floating_point_v<T>) {
      return Number(*value);
    } else {
      return Integer(static_cast<std::int64_t>(*value));
    }
  }

  // The text written so far.
  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  void BeforeValue();
  bool AppendPlain(std::string_view text, std::string_view suffix);

  std::string text_;
  // Per open container, 1 once a member is written: the next needs a comma.
  // Bytes, not std::vector<bool>, whose bit proxies cost every value.
  std::vector<unsigned char> has_member_;
  bool after_key_ = false;
};

}  // namespace etalon::core
