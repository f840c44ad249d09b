#include "etalon/run/journal_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/core/json_text.hpp"

namespace etalon::run {

namespace {

using Json = nlohmann::json;

// A SAX handler that builds the tree nlohmann's DOM parser would, except for
// the values of unwanted top-level keys, which it skips whole.
class FieldFilter {
 public:
  FieldFilter(Json& root, const JournalFields& fields) : root_(root), fields_(fields) {}

  bool null() { return Value(Json(nullptr)); }
  bool boolean(bool value) { return Value(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return Value(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return Value(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t&) { return Value(Json(value)); }
  bool string(Json::string_t& value) { return skip_depth_ > 0 || skip_next_ ? Skip() : Value(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return skip_depth_ > 0 || skip_next_ ? Skip() : Value(Json(std::move(value))); }

  bool start_object(std::size_t) { return Open(Json::value_t::object); }
  bool start_array(std::size_t) { return Open(Json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(Json::string_t& name) {
    if (skip_depth_ > 0) {
      return true;
    }
    // Filtering applies to the keys of a top-level object only.
    if (open_.size() == 1 &&
        std::find(fields_.begin(), fields_.end(), std::string_view(name)) == fields_.end()) {
      skip_next_ = true;
      return true;
    }
    key_ = std::move(name);
    return true;
  }

  template <typename Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  bool Skip() {
    skip_next_ = false;
    return true;
  }

  // Where the next value goes: the root, the end of the open array, or the
  // open object's current key (a repeated key keeps the last value, as parse does).
  Json* Place(Json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool Value(Json&& value) {
    if (skip_depth_ > 0 || skip_next_) {
      return Skip();
    }
    Place(std::move(value));
    return true;
  }

  bool Open(Json::value_t type) {
    if (skip_depth_ > 0 || skip_next_) {
      skip_next_ = false;
      ++skip_depth_;
      return true;
    }
    open_.push_back(Place(Json(type)));
    return true;
  }

  bool Close() {
    if (skip_depth_ > 0) {
      --skip_depth_;
    } else {
      open_.pop_back();
    }
    return true;
  }

  Json& root_;
  const JournalFields& fields_;
  std::vector<Json*> open_;  // the containers being filled, outermost first
  Json::string_t key_;
  bool skip_next_ = false;   // the value after an unwanted key is dropped
  std::size_t skip_depth_ = 0;  // containers open inside a dropped value
};

}  // namespace

Json ParseJournalLine(std::string_view line, const JournalFields& fields) {
  if (fields.empty()) {
    return core::ParseJson(line);
  }
  // The fast path builds the wanted values from their validated text; any
  // line it does not vouch for is parsed by nlohmann below, which also names
  // the error.
  Json wanted = Json::object();
  try {
    const bool vouched = core::ScanObjectFields(line, [&](std::string_view key, const core::ValidatedJson& value) {
      if (std::find(fields.begin(), fields.end(), key) != fields.end()) {
        wanted[std::string(key)] = value.Build();
      }
    });
    if (vouched) {
      return wanted;
    }
  } catch (const Json::exception&) {
  }
  Json record;
  FieldFilter filter(record, fields);
  Json::sax_parse(line.begin(), line.end(), &filter);
  return record;
}

void ForEachJournalLine(const std::string& path,
                        const std::function<void(const std::string& line, std::size_t number)>& visit) {
  core::LineReader reader(path);
  if (!reader.is_open()) {
    throw std::runtime_error(fmt::format("{}: cannot read", path));
  }
  std::string line;
  while (reader.Next(line)) {
    if (!line.empty()) {
      visit(line, reader.line_number());
    }
  }
  if (reader.failed()) {
    throw std::runtime_error(fmt::format("{}: read error after line {}", path, reader.line_number()));
  }
}

}  // namespace etalon::run
