// JSON text read faster than nlohmann's parser reads it, with the very same
// result: a scanner validates the text as nlohmann::json::parse would,
// without building anything, and values are then built from the validated
// text directly. Lexing with nlohmann (each string built one character at a
// time) was most of the cost of reading result lines, vendor answers and
// dataset lines.
//
// The scanner only ever answers "valid, and here it is" or "not sure": for
// anything it does not vouch for (an escaped object key, a \u escape of a
// surrogate, a number of more than 64 characters or with an exponent of
// three digits or more, nesting deeper than 64, any error), the text goes
// to nlohmann, which gives the answer and, for bad text, its own error.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace etalon::core {

// Text the scanner has validated as one JSON value.
class ValidatedJson {
 public:
  std::string_view text() const { return text_; }
  // The value nlohmann::json::parse(text()) gives: same types (an integer
  // without a sign is unsigned, with one signed, a float or an integer out
  // of range a double), a repeated key keeps its last value.
  nlohmann::json Build() const;
  // The first byte tells the type of validated text.
  bool IsString() const { return text_.front() == '"'; }
  bool IsObject() const { return text_.front() == '{'; }
  bool IsArray() const { return text_.front() == '['; }

  // The members of an object, in text order, as ScanObjectFields gives them,
  // walking the text without checking it again: it was checked. False,
  // having possibly called `member` for earlier keys, at a key holding an
  // escape (ScanObjectFields does not vouch for those), or for a value that
  // is not an object.
  bool ForEachMember(const std::function<void(std::string_view key, const ValidatedJson& value)>& member) const;
  // The elements of an array, in order; false for a value that is not an array.
  bool ForEachElement(const std::function<void(const ValidatedJson& element)>& element) const;

 private:
  friend class JsonScanner;
  explicit ValidatedJson(std::string_view text) : text_(text) {}
  std::string_view text_;
};

// Calls `field` with each top-level key (its raw bytes) and its value, in
// text order. Returns false, having possibly called `field` for earlier
// keys, when `text` is not a JSON object it can vouch for.
bool ScanObjectFields(std::string_view text,
                      const std::function<void(std::string_view key, const ValidatedJson& value)>& field);

// Calls `element` with each element of a JSON array, in order; false, as
// ScanObjectFields, when `text` is not an array it can vouch for.
bool ScanArrayElements(std::string_view text, const std::function<void(const ValidatedJson& element)>& element);

// nlohmann::json::parse(text): the same value, or the same exception.
nlohmann::json ParseJson(std::string_view text);

// nlohmann::json::parse(text, nullptr, false): the same value, or a
// discarded value for text that is not JSON.
nlohmann::json ParseJsonOrDiscarded(std::string_view text);

}  // namespace etalon::core
