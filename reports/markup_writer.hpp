// Writes HTML, SVG and XML with every text and attribute value escaped, so no
// reporter builds markup by concatenating strings (compare Catch2's
// XmlWriter). Model outputs and dataset text are untrusted: whatever they
// hold, they come out as characters, never as markup.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace etalon::reports {

using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// Element text: & < > as character references and C0 control characters
// (other than tab, line feed and carriage return), which HTML and XML forbid,
// as U+FFFD. Expects valid UTF-8 (see ReplaceInvalidUtf8).
std::string EscapeMarkup(std::string_view text);
// An attribute value (always written between double quotes): as above, and " ' too.
std::string EscapeMarkupAttribute(std::string_view text);

// `bytes` with each byte that does not start or continue a valid UTF-8
// sequence replaced by U+FFFD; valid text comes back unchanged.
std::string ReplaceInvalidUtf8(std::string_view bytes);

class MarkupWriter {
 public:
  explicit MarkupWriter(std::ostream& out) : out_(out) {}

  // <tag name="value"...>; attribute names are the caller's constants.
  MarkupWriter& Open(std::string_view tag, const Attributes& attributes = {});
  MarkupWriter& Close(std::string_view tag);
  // <tag .../> (XML and SVG) or a void HTML element.
  MarkupWriter& Empty(std::string_view tag, const Attributes& attributes = {}, bool xml_style = false);
  // Open, escaped text, Close.
  MarkupWriter& Element(std::string_view tag, const Attributes& attributes, std::string_view text);
  MarkupWriter& Text(std::string_view text);
  // Markup etalon wrote itself (the style sheet, the filter script): never data.
  MarkupWriter& Trusted(std::string_view markup);

 private:
  void WriteTag(std::string_view tag, const Attributes& attributes);
  std::ostream& out_;
};

}  // namespace etalon::reports
