#include "etalon/summary/summary_record.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "etalon/core/json_text.hpp"

namespace etalon::summary {

namespace {

using Json = nlohmann::json;

[[noreturn]] void MissingKey(std::string_view key) {
  throw Json::out_of_range::create(403, fmt::format("key '{}' not found", key), nullptr);
}

[[noreturn]] void CannotUseAt(std::string_view type) {
  throw Json::type_error::create(304, fmt::format("cannot use at() with {}", type), nullptr);
}

// Thrown when a nested object has a key with an escape, which the scanner
// leaves to nlohmann: the whole line is read by nlohmann instead.
struct LeftToNlohmann {};

// A value inside a line the scanner validated: read without building
// containers.
class TextValue {
 public:
  explicit TextValue(const core::ValidatedJson& value) : value_(value) {}
  bool IsNull() const { return value_.text().front() == 'n'; }
  bool IsObject() const { return value_.IsObject(); }
  bool IsArray() const { return value_.IsArray(); }
  bool IsString() const { return value_.IsString(); }
  bool IsNumber() const {
    const char first = value_.text().front();
    return first == '-' || (first >= '0' && first <= '9');
  }
  Json Build() const { return value_.Build(); }
  std::string_view TypeName() const {
    switch (value_.text().front()) {
      case '{': return "object";
      case '[': return "array";
      case '"': return "string";
      case 't':
      case 'f': return "boolean";
      case 'n': return "null";
      default: return "number";
    }
  }
  template <typename Visit>
  void ForEachMember(Visit visit) const {
    if (!value_.ForEachMember([&](std::string_view key, const core::ValidatedJson& member) {
          visit(key, TextValue(member));
        })) {
      throw LeftToNlohmann{};
    }
  }
  template <typename Visit>
  void ForEachElement(Visit visit) const {
    value_.ForEachElement([&](const core::ValidatedJson& element) { visit(TextValue(element)); });
  }

 private:
  const core::ValidatedJson& value_;
};

// A value of a parsed line: the way back for lines the scanner does not vouch for.
class TreeValue {
 public:
  explicit TreeValue(const Json& value) : value_(value) {}
  bool IsNull() const { return value_.is_null(); }
  bool IsObject() const { return value_.is_object(); }
  bool IsArray() const { return value_.is_array(); }
  bool IsString() const { return value_.is_string(); }
  bool IsNumber() const { return value_.is_number(); }
  Json Build() const { return value_; }
  std::string_view TypeName() const { return value_.type_name(); }
  template <typename Visit>
  void ForEachMember(Visit visit) const {
    for (const auto& [key, member] : value_.items()) {
      visit(key, TreeValue(member));
    }
  }
  template <typename Visit>
  void ForEachElement(Visit visit) const {
    for (const auto& element : value_) {
      visit(TreeValue(element));
    }
  }

 private:
  const Json& value_;
};

// get<std::string>(), moving the built string out.
template <typename Value>
std::string StringOf(const Value& value) {
  Json built = value.Build();
  if (built.is_string()) return std::move(built.template get_ref<std::string&>());
  return built.template get<std::string>();  // throws nlohmann's type_error
}

// Reads the fields of one line as they come, a repeated key's last value
// winning as in a parsed object; Finish checks what a summary needs.
template <typename Value>
class RecordReader {
 public:
  void Field(std::string_view key, const Value& value) {
    if (key == "adapter") {
      record_.adapter = StringOf(value);
      has_adapter_ = true;
    } else if (key == "suite") {
      record_.suite = StringOf(value);
      has_suite_ = true;
    } else if (key == "error") {
      has_error_ = true;
      ReadError(value);
    } else if (key == "scores") {
      has_scores_ = true;
      ReadScores(value);
    } else if (key == "usage") {
      has_usage_ = true;
      ReadUsage(value);
    } else if (key == "timing") {
      has_timing_ = true;
      ReadTiming(value);
    } else if (key == "energy") {
      record_.energy = value.IsNull() ? Json() : value.Build();
    } else if (key == "cost") {
      record_.cost = value.IsNull() ? Json() : value.Build();
    } else if (key == "carbon") {
      record_.carbon = value.IsNull() ? Json() : value.Build();
    } else if (key == "started_at") {
      record_.started_at = StringOf(value);
    } else if (key == "completed_at") {
      record_.completed_at = StringOf(value);
    } else if (key == "served_model") {
      record_.served_model.reset();
      if (value.IsString()) record_.served_model = StringOf(value);
    }
  }

  SummaryRecord Finish() && {
    if (!has_adapter_) MissingKey("adapter");
    if (!has_suite_) MissingKey("suite");
    if (!has_error_) MissingKey("error");
    if (!record_.failed()) {
      // What a failed request never needs: it is counted, not scored nor timed.
      if (!has_timing_) MissingKey("timing");
      if (!has_usage_) MissingKey("usage");
      if (!has_scores_) MissingKey("scores");
      if (!usage_type_.empty()) CannotUseAt(usage_type_);
      if (!score_type_.empty()) CannotUseAt(score_type_);
      if (!score_without_value_.empty()) MissingKey("value");
      if (!has_input_tokens_) MissingKey("input_tokens");
      if (!has_output_tokens_) MissingKey("output_tokens");
      if (record_.input_tokens || record_.output_tokens) {
        if (!estimated_) MissingKey("estimated");
        record_.usage_estimated = estimated_->template get<bool>();
      }
    }
    return std::move(record_);
  }

 private:
  static std::optional<double> NumberOf(const Value& value) {
    if (!value.IsNumber()) return std::nullopt;
    return value.Build().template get<double>();
  }

  void ReadError(const Value& value) {
    record_.error_kind.reset();
    if (value.IsNull()) return;
    if (!value.IsObject()) CannotUseAt(value.TypeName());
    std::optional<std::string> kind;
    value.ForEachMember([&](std::string_view key, const Value& member) {
      if (key == "kind") kind = StringOf(member);
    });
    if (!kind) MissingKey("kind");
    record_.error_kind = std::move(kind);
  }

  void ReadScores(const Value& value) {
    record_.scores.clear();
    score_type_ = {};
    score_without_value_.clear();
    if (!value.IsObject()) return;  // no metric finds its score: each counts as unscored
    value.ForEachMember([&](std::string_view metric, const Value& member) {
      RecordedScore score;
      score.metric = metric;
      bool has_value = false;
      if (member.IsObject()) {
        member.ForEachMember([&](std::string_view key, const Value& field) {
          if (key == "error") {
            score.has_error = true;
          } else if (key == "value") {
            has_value = true;
            score.value = NumberOf(field);
          } else if (key == "statistics") {
            score.statistics = field.Build().template get<std::vector<double>>();
          }
        });
        if (!has_value) score_without_value_ = score.metric;
      } else {
        score_type_ = member.TypeName();
      }
      // Kept in name order, a repeated name's last score winning, as in a parsed object.
      const auto at = std::lower_bound(record_.scores.begin(), record_.scores.end(), score.metric,
                                       [](const RecordedScore& kept, const std::string& name) { return kept.metric < name; });
      if (at != record_.scores.end() && at->metric == score.metric) {
        *at = std::move(score);
      } else {
        record_.scores.insert(at, std::move(score));
      }
    });
  }

  void ReadUsage(const Value& value) {
    record_.input_tokens.reset();
    record_.output_tokens.reset();
    has_input_tokens_ = has_output_tokens_ = false;
    estimated_.reset();
    usage_type_ = {};
    if (!value.IsObject()) {
      usage_type_ = value.TypeName();
      return;
    }
    value.ForEachMember([&](std::string_view key, const Value& member) {
      if (key == "input_tokens") {
        has_input_tokens_ = true;
        record_.input_tokens.reset();
        if (member.IsNumber()) record_.input_tokens = member.Build().template get<std::int64_t>();
      } else if (key == "output_tokens") {
        has_output_tokens_ = true;
        record_.output_tokens.reset();
        if (member.IsNumber()) record_.output_tokens = member.Build().template get<std::int64_t>();
      } else if (key == "estimated") {
        estimated_ = member.Build();
      }
    });
  }

  void ReadTiming(const Value& value) {
    record_.end_to_end_ms = record_.ttfb_ms = record_.ttft_ms = record_.tpot_ms = std::nullopt;
    record_.chunk_gaps_ms.clear();
    if (!value.IsObject()) return;
    value.ForEachMember([&](std::string_view key, const Value& member) {
      if (key == "end_to_end_ms") {
        record_.end_to_end_ms = NumberOf(member);
      } else if (key == "ttfb_ms") {
        record_.ttfb_ms = NumberOf(member);
      } else if (key == "ttft_ms") {
        record_.ttft_ms = NumberOf(member);
      } else if (key == "tpot_ms") {
        record_.tpot_ms = NumberOf(member);
      } else if (key == "chunk_gaps_ms") {
        record_.chunk_gaps_ms.clear();
        if (member.IsArray()) {
          member.ForEachElement(
              [&](const Value& gap) { record_.chunk_gaps_ms.push_back(gap.Build().template get<double>()); });
        }
      }
    });
  }

  SummaryRecord record_;
  bool has_adapter_ = false;
  bool has_suite_ = false;
  bool has_error_ = false;
  bool has_scores_ = false;
  bool has_usage_ = false;
  bool has_timing_ = false;
  bool has_input_tokens_ = false;
  bool has_output_tokens_ = false;
  std::optional<Json> estimated_;
  std::string_view usage_type_;  // usage's type when not an object
  std::string_view score_type_;  // a score's type when not an object
  std::string score_without_value_;  // a score object with no "value"
};

}  // namespace

const RecordedScore* SummaryRecord::FindScore(std::string_view metric) const {
  for (const auto& score : scores) {
    if (score.metric == metric) return &score;
  }
  return nullptr;
}

const run::JournalFields& SummaryRecordFields() {
  static const run::JournalFields kFields = {"adapter", "suite",  "error",  "scores",     "timing",       "usage",
                                             "energy",  "cost",   "carbon", "started_at", "completed_at", "served_model"};
  return kFields;
}

SummaryRecord SummaryRecordFromJson(const Json& record) {
  if (!record.is_object()) CannotUseAt(record.type_name());
  RecordReader<TreeValue> reader;
  for (const auto& [key, value] : record.items()) {
    reader.Field(key, TreeValue(value));
  }
  return std::move(reader).Finish();
}

SummaryRecord ReadSummaryRecord(std::string_view line) {
  // Nearly every line is read in place. Any doubt (text the scanner does not
  // vouch for, a field that breaks a rule) sends the line through nlohmann,
  // which decides, and names the error as nlohmann::json::parse would.
  try {
    RecordReader<TextValue> reader;
    if (core::ScanObjectFields(line, [&](std::string_view key, const core::ValidatedJson& value) {
          reader.Field(key, TextValue(value));
        })) {
      return std::move(reader).Finish();
    }
  } catch (const Json::exception&) {
  } catch (const LeftToNlohmann&) {
  }
  return SummaryRecordFromJson(run::ParseJournalLine(line, SummaryRecordFields()));
}

}  // namespace etalon::summary
