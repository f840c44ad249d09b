#include "builtin/keyword_router.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "builtin/folded_text.hpp"
#include "builtin/sample_fields.hpp"

namespace etalon::adapters {

std::string KeywordPattern(const std::string& keyword) {
  const bool prefix = !keyword.empty() && keyword.back() == '*';
  std::string folded = FoldForMatching(prefix ? keyword.substr(0, keyword.size() - 1) : keyword);
  if (prefix && folded.size() > 1) {
    folded.pop_back();
  }
  return folded;
}

std::variant<KeywordTable, std::string> LoadKeywordTable(const std::string& path) {
  KeywordTable table;
  try {
    const auto root = YAML::LoadFile(path);
    // yaml-cpp throws on Type() of an absent key: check IsDefined first.
    if (!root.IsMap() || !root["default"].IsDefined() || !root["default"].IsScalar() || !root["labels"].IsDefined() ||
        !root["labels"].IsMap()) {
      return fmt::format("{}: needs `default: <label>` and `labels: {{label: [keywords]}}`", path);
    }
    table.default_label = root["default"].Scalar();
    for (const auto& entry : root["labels"]) {
      if (!entry.second.IsSequence()) {
        return fmt::format("{}:{}: field 'labels.{}': must be a list of keywords", path, entry.second.Mark().line + 1,
                           entry.first.Scalar());
      }
      std::vector<std::string> patterns;
      for (const auto& keyword : entry.second) {
        patterns.push_back(KeywordPattern(keyword.Scalar()));
      }
      table.labels.emplace_back(entry.first.Scalar(), std::move(patterns));
    }
  } catch (const YAML::Exception& error) {
    return fmt::format("{}:{}: {}", path, error.mark.line + 1, error.msg);
  }
  return table;
}

std::string RouteByKeywords(const KeywordTable& table, std::string_view text) {
  const auto folded = FoldForMatching(text);
  const std::string* best = &table.default_label;
  std::size_t best_hits = 0;
  for (const auto& [label, patterns] : table.labels) {
    std::size_t hits = 0;
    for (const auto& pattern : patterns) {
      for (auto at = folded.find(pattern); at != std::string::npos; at = folded.find(pattern, at + 1)) {
        ++hits;
      }
    }
    if (hits > best_hits) {
      best_hits = hits;
      best = &label;
    }
  }
  return *best;
}

KeywordRouterAdapter::KeywordRouterAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay,
                                           KeywordTable table, std::string field)
    : PooledAdapter(std::move(id), threads, delay), table_(std::move(table)), field_(std::move(field)) {}

core::Response KeywordRouterAdapter::Compute(const core::Request& request) {
  core::Response response;
  if (const auto* text = TextField(request, field_, response)) {
    response.text = RouteByKeywords(table_, *text);
  }
  return response;
}

}  // namespace etalon::adapters
