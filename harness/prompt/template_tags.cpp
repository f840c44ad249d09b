#include "etalon/prompt/template_tags.hpp"

namespace etalon::prompt {

namespace {

// Whitespace as the classic locale's isspace has it.
constexpr bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::size_t SkipSpaces(std::string_view text, std::size_t at) {
  while (at < text.size() && IsSpace(text[at])) ++at;
  return at;
}

// The end of a run of characters that are not whitespace and not in `stops`.
std::size_t NameEnd(std::string_view text, std::size_t at, std::string_view stops) {
  while (at < text.size() && !IsSpace(text[at]) && stops.find(text[at]) == std::string_view::npos) ++at;
  return at;
}

// Calls `match(open)` at each "{{" from left to right; `match` returns where
// scanning resumes after a tag it took, or 0 to try the next position.
template <typename Match>
void ForEachOpening(std::string_view text, Match match) {
  std::size_t at = 0;
  while ((at = text.find("{{", at)) != std::string_view::npos) {
    const std::size_t resume = match(at);
    at = resume != 0 ? resume : at + 1;
  }
}

}  // namespace

std::optional<std::set<std::string, std::less<>>> TopLevelTagNames(std::string_view template_text) {
  bool delimiters_change = false;
  ForEachOpening(template_text, [&](std::size_t open) -> std::size_t {
    const std::size_t start = SkipSpaces(template_text, open + 2);
    delimiters_change = delimiters_change || (start < template_text.size() && template_text[start] == '=');
    return 0;
  });
  if (delimiters_change) {
    return std::nullopt;
  }
  std::set<std::string, std::less<>> names;
  ForEachOpening(template_text, [&](std::size_t open) -> std::size_t {
    const std::size_t start = SkipSpaces(template_text, open + 2);
    std::size_t name = start;
    if (name < template_text.size() && std::string_view("#^/&{").find(template_text[name]) != std::string_view::npos) {
      name = SkipSpaces(template_text, name + 1);
    }
    std::size_t end = NameEnd(template_text, name, "}.");
    if (end == name) {
      // No name after the sigil: the sigil itself starts the name ({{#}} names "#").
      name = start;
      end = NameEnd(template_text, name, "}.");
    }
    if (end == name) {
      return 0;
    }
    names.emplace(template_text.substr(name, end - name));
    return end;
  });
  return names;
}

std::vector<std::string> SectionTagNames(std::string_view template_text) {
  std::vector<std::string> names;
  ForEachOpening(template_text, [&](std::size_t open) -> std::size_t {
    std::size_t at = SkipSpaces(template_text, open + 2);
    if (at >= template_text.size() || (template_text[at] != '#' && template_text[at] != '^')) {
      return 0;
    }
    const std::size_t name = SkipSpaces(template_text, at + 1);
    const std::size_t end = NameEnd(template_text, name, "}");
    at = SkipSpaces(template_text, end);
    if (end == name || template_text.substr(at, 2) != "}}") {
      return 0;
    }
    names.emplace_back(template_text.substr(name, end - name));
    return at + 2;
  });
  return names;
}

std::optional<std::vector<TemplatePiece>> PlainTemplatePieces(std::string_view template_text) {
  std::vector<TemplatePiece> pieces;
  const auto literal = [&](std::string_view text) {
    if (!text.empty()) pieces.push_back({std::string(text), false});
  };
  std::size_t at = 0;
  for (std::size_t open; (open = template_text.find("{{", at)) != std::string_view::npos;) {
    literal(template_text.substr(at, open - at));
    std::size_t start = open + 2;
    std::string_view close = "}}";
    if (start < template_text.size() && template_text[start] == '{') {
      close = "}}}";
      ++start;
    } else if (start < template_text.size() && template_text[start] == '&') {
      ++start;
    }
    const std::size_t end = template_text.find(close, start);
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    const std::size_t name = SkipSpaces(template_text, start);
    const std::size_t name_end = NameEnd(template_text, name, "{}.!#^/>=&");
    if (name_end == name) {
      return std::nullopt;  // no name, or a sigil other than { and &
    }
    if (SkipSpaces(template_text, name_end) != end) {
      return std::nullopt;  // more than one word, or a character a name cannot hold
    }
    const auto variable = template_text.substr(name, name_end - name);
    if (variable == "examples") {
      return std::nullopt;
    }
    pieces.push_back({std::string(variable), true});
    at = end + close.size();
  }
  literal(template_text.substr(at));
  return pieces;
}

}  // namespace etalon::prompt
