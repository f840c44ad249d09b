// builtin:keywords — the routing baseline: counts, for each label, how many
// of its keywords occur in the text (accents and case ignored) and answers
// the label with the most; no keyword at all gives the default label.
// Keywords are whole words, or prefixes when they end with '*'
// ("inscri*" matches inscription, inscrire). Ties go to the label listed first.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "local/pooled_adapter.hpp"

namespace etalon::adapters {

struct KeywordTable {
  std::string default_label;
  std::vector<std::pair<std::string, std::vector<std::string>>> labels;  // label -> folded keyword patterns
};

// A keyword as a pattern over FoldForMatching text: " mot " (whole word) or " mot" (prefix, from "mot*").
std::string KeywordPattern(const std::string& keyword);

// Reads `{default: label, labels: {label: [keyword, ...]}}` from YAML. On
// failure returns an error message naming the file (and line when known).
std::variant<KeywordTable, std::string> LoadKeywordTable(const std::string& path);

std::string RouteByKeywords(const KeywordTable& table, std::string_view text);

class KeywordRouterAdapter final : public PooledAdapter {
 public:
  KeywordRouterAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, KeywordTable table,
                       std::string field);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  KeywordTable table_;
  std::string field_;
};

}  // namespace etalon::adapters
