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

// A piece of a template: literal text, or the name of a variable.
struct TemplatePiece {
  std::string text;
  bool variable = false;
};

// The template as literal text and variables, when every tag is a plain
// variable ({{x}}, {{{x}}}, {{&x}}, spaces allowed around the name) whose
// value mustache inserts as it is: no section, comment, partial, dotted
// name, delimiter change, nor `examples` (the exemplars' list). Otherwise
// std::nullopt, and mustache itself renders.
std::optional<std::vector<TemplatePiece>> PlainTemplatePieces(std::string_view template_text);

}  // namespace etalon::prompt
