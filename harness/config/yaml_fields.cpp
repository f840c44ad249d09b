#include "config/yaml_fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "etalon/text/utf8.hpp"

namespace etalon::config {

std::size_t LineOf(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.line >= 0 ? static_cast<std::size_t>(mark.line) + 1 : 0;
}

namespace {

std::optional<std::int64_t> ParseInteger(const std::string& text) {
  std::int64_t value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end || begin == end) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseNumber(const std::string& text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end || begin == end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// Limits on a parsed file, so every reader after the parser walks a finite
// tree of UTF-8 text. yaml-cpp registers an anchor before its content, so an
// alias inside its own anchor (`&a [*a]`) makes a cycle; aliases of aliases
// expand exponentially (`&b [*a, *a]`, `&c [*b, *b]`...). Suites, plans,
// gate policies and the model catalog stay far below both limits.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxValues = 100'000;

// Reports the first node past the limits or holding text that is not UTF-8
// (the file is recorded as JSON, which must be UTF-8). False when it did.
bool CheckTree(const YAML::Node& node, int depth, std::size_t& values, const std::string& path,
               core::Diagnostics& diagnostics) {
  if (depth > kMaxDepth) {
    diagnostics.push_back({path, LineOf(node), "",
                           fmt::format("nested more than {} levels deep (or an alias inside its own anchor)", kMaxDepth)});
    return false;
  }
  if (++values > kMaxValues) {
    diagnostics.push_back({path, LineOf(node), "", fmt::format("more than {} values once aliases are expanded", kMaxValues)});
    return false;
  }
  if (node.IsScalar() && !text::IsValidUtf8(node.Scalar())) {
    diagnostics.push_back({path, LineOf(node), "", "invalid UTF-8: the file must be UTF-8 text"});
    return false;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!CheckTree(item, depth + 1, values, path, diagnostics)) {
        return false;
      }
    }
  } else if (node.IsMap()) {
    for (const auto& item : node) {
      if (!CheckTree(item.first, depth + 1, values, path, diagnostics) ||
          !CheckTree(item.second, depth + 1, values, path, diagnostics)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

nlohmann::json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      auto array = nlohmann::json::array();
      for (const auto& item : node) {
        array.push_back(YamlToJson(item));
      }
      return array;
    }
    case YAML::NodeType::Map: {
      auto object = nlohmann::json::object();
      for (const auto& item : node) {
        // A non-scalar key (an unquoted {{placeholder}} in a flow list) is kept as YAML text,
        // so the value's reader reports it with its location instead of yaml-cpp throwing.
        object[item.first.IsScalar() ? item.first.Scalar() : YAML::Dump(item.first)] = YamlToJson(item.second);
      }
      return object;
    }
    case YAML::NodeType::Scalar:
      break;
  }
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") {  // quoted scalars are strings, whatever they look like
    return text;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text == "null" || text == "~" || text == "Null" || text == "NULL") return nullptr;
  if (const auto integer = ParseInteger(text)) return *integer;
  if (const auto number = ParseNumber(text)) return *number;
  return text;
}

YamlFields::YamlFields(const YAML::Node& mapping, std::string file, std::string path_prefix,
                       core::Diagnostics& diagnostics)
    : mapping_(mapping), file_(std::move(file)), prefix_(std::move(path_prefix)), diagnostics_(diagnostics) {}

bool YamlFields::Has(const std::string& key) const { return mapping_.IsMap() && mapping_[key].IsDefined(); }

YAML::Node YamlFields::Node(const std::string& key) const { return mapping_[key]; }

std::size_t YamlFields::Line(const std::string& key) const {
  if (Has(key)) {
    return LineOf(mapping_[key]);
  }
  return LineOf(mapping_);
}

std::string YamlFields::FieldPath(const std::string& key) const {
  return prefix_.empty() ? key : prefix_ + "." + key;
}

void YamlFields::Report(const std::string& key, const std::string& message) {
  diagnostics_.push_back({file_, Line(key), FieldPath(key), message});
}

void YamlFields::ReportAt(std::size_t line, const std::string& field, const std::string& message) {
  diagnostics_.push_back({file_, line, field, message});
}

std::optional<std::string> YamlFields::String(const std::string& key, bool required) {
  if (!Has(key) || mapping_[key].IsNull()) {
    if (required) {
      Report(key, "is required");
    }
    return std::nullopt;
  }
  const auto node = mapping_[key];
  if (!node.IsScalar()) {
    Report(key, "must be a text value");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::int64_t> YamlFields::Integer(const std::string& key, std::int64_t min, std::int64_t max) {
  if (!Has(key)) {
    return std::nullopt;
  }
  const auto node = mapping_[key];
  const auto value = node.IsScalar() ? ParseInteger(node.Scalar()) : std::nullopt;
  if (!value) {
    Report(key, "must be an integer");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Report(key, fmt::format("must be between {} and {}, got {}", min, max, *value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> YamlFields::Number(const std::string& key, double min, double max) {
  if (!Has(key)) {
    return std::nullopt;
  }
  const auto node = mapping_[key];
  const auto value = node.IsScalar() ? ParseNumber(node.Scalar()) : std::nullopt;
  if (!value) {
    Report(key, "must be a number");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Report(key, fmt::format("must be between {} and {}, got {}", min, max, *value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlFields::Boolean(const std::string& key) {
  if (!Has(key)) {
    return std::nullopt;
  }
  const auto json = YamlToJson(mapping_[key]);
  if (!json.is_boolean()) {
    Report(key, "must be true or false");
    return std::nullopt;
  }
  return json.get<bool>();
}

std::optional<std::vector<std::string>> YamlFields::StringList(const std::string& key, bool required) {
  if (!Has(key) || mapping_[key].IsNull()) {
    if (required) {
      Report(key, "is required");
    }
    return std::nullopt;
  }
  const auto node = mapping_[key];
  std::vector<std::string> values;
  if (node.IsScalar()) {
    values.push_back(node.Scalar());
    return values;
  }
  if (!node.IsSequence()) {
    Report(key, "must be a list");
    return std::nullopt;
  }
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      ReportAt(LineOf(item), FieldPath(key), "every item must be a text value");
      return std::nullopt;
    }
    values.push_back(item.Scalar());
  }
  return values;
}

void YamlFields::RejectUnknown(const std::vector<std::string>& allowed) {
  if (!mapping_.IsMap()) {
    return;
  }
  for (const auto& item : mapping_) {
    // A key that is a list or a mapping (`? [a]: b`) is unknown too, named by its YAML text.
    const auto key = item.first.IsScalar() ? item.first.Scalar() : YAML::Dump(item.first);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (const auto& name : allowed) {
        known += known.empty() ? name : ", " + name;
      }
      ReportAt(LineOf(item.first), FieldPath(key), fmt::format("unknown field (known fields: {})", known));
    }
  }
}

std::optional<YAML::Node> LoadYamlFile(const std::string& path, core::Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back({path, 0, "", "cannot open file"});
    return std::nullopt;
  }
  try {
    auto node = YAML::Load(in);
    if (!node.IsMap()) {
      diagnostics.push_back({path, 1, "", "must be a YAML mapping (key: value lines)"});
      return std::nullopt;
    }
    std::size_t values = 0;
    if (!CheckTree(node, 0, values, path, diagnostics)) {
      return std::nullopt;
    }
    return node;
  } catch (const YAML::Exception& error) {
    diagnostics.push_back({path, static_cast<std::size_t>(error.mark.line + 1), "", "invalid YAML: " + error.msg});
    return std::nullopt;
  }
}

}  // namespace etalon::config
