// What a mustache template's tags name, found by scanning its text once
// before any render: the fields a render needs, and the names used as
// sections (whose absence is meaningful, never a missing variable).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::prompt {

// The first name of every tag ({{a.b}} gives "a", {{#list}} gives "list"),
// or std::nullopt when the template changes its delimiters ({{=<% %>=}}),
// where tags cannot be found this way. Leans toward too many names: a
// malformed tag's text counts as a name rather than hiding a field.
std::optional<std::set<std::string, std::less<>>> TopLevelTagNames(std::string_view template_text);

// The names of {{#name}} and {{^name}} tags, in order, repeats kept.
std::vector<std::string> SectionTagNames(std::string_view template_text);

}  // namespace etalon::prompt
