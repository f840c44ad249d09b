// Tests for harness/prompt/template_tags.cpp.
#include <catch2/catch.hpp>

#include <random>
#include <regex>

#include "etalon/prompt/template_tags.hpp"

using etalon::prompt::SectionTagNames;
using etalon::prompt::TopLevelTagNames;

namespace {

using NameSet = std::set<std::string, std::less<>>;

// The scanner replaced these patterns (compiling them took a millisecond
// of every run's start); they remain the definition it is held to.
std::optional<NameSet> TopLevelNamesByRegex(const std::string& text) {
  if (std::regex_search(text, std::regex(R"(\{\{\s*=)"))) {
    return std::nullopt;
  }
  const std::regex tag(R"(\{\{\s*[#^/&{]?\s*([^}.\s]+))");
  NameSet names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

std::vector<std::string> SectionNamesByRegex(const std::string& text) {
  const std::regex tag(R"(\{\{\s*[#^]\s*([^}\s]+)\s*\}\})");
  std::vector<std::string> names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

}  // namespace

TEST_CASE("Tag names: first names of every tag, sections apart", "[prompt]") {
  const std::string text = "{{#examples}}{{ input }}{{/examples}} {{{raw}}} {{& amp}} {{a.b}} {{^ none }}{{! note}}";
  CHECK(TopLevelTagNames(text) == NameSet{"examples", "input", "raw", "amp", "a", "none", "!"});
  CHECK(SectionTagNames(text) == std::vector<std::string>{"examples", "none"});
}

TEST_CASE("Tag names: a change of delimiters gives no names", "[prompt]") {
  CHECK_FALSE(TopLevelTagNames("{{x}} {{=<% %>=}} <%y%>").has_value());
  CHECK_FALSE(TopLevelTagNames("{{{= x}}").has_value());  // the second brace pair opens a change too
  CHECK(TopLevelTagNames("{{x}} = {{y}}").has_value());
}

TEST_CASE("Tag names: malformed tags name what the text holds", "[prompt]") {
  CHECK(TopLevelTagNames("{{#}} {{ # }} {{}} {{ }}") == NameSet{"#"});
  CHECK(TopLevelTagNames("{{{{x}}}}") == NameSet{"{x"});
  CHECK(SectionTagNames("{{#a b}} {{#c}") .empty());
  CHECK(SectionTagNames("{{# a.b }}") == std::vector<std::string>{"a.b"});
}

TEST_CASE("Tag names: the scanner agrees with the patterns it replaced", "[prompt]") {
  const std::string alphabet = "{{{}}} #^/&=.!ab\t\n";
  std::mt19937 random(20261129);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 24);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    for (std::size_t i = length(random); i > 0; --i) {
      text += alphabet[letter(random)];
    }
    INFO("template: " << text);
    REQUIRE(TopLevelTagNames(text) == TopLevelNamesByRegex(text));
    REQUIRE(SectionTagNames(text) == SectionNamesByRegex(text));
  }
}

TEST_CASE("Plain templates split into text and variables; any other tag gives none", "[prompt]") {
  using etalon::prompt::PlainTemplatePieces;
  const auto pieces = PlainTemplatePieces("Q: {{ x }} / {{{y}}}{{&z}}.");
  REQUIRE(pieces.has_value());
  std::string joined;
  for (const auto& piece : *pieces) joined += piece.variable ? "<" + piece.text + ">" : piece.text;
  CHECK(joined == "Q: <x> / <y><z>.");
  for (const char* other : {"{{#s}}{{/s}}", "{{! note }}", "{{a.b}}", "{{> p}}", "{{=<% %>=}}", "{{x y}}", "{{x",
                            "{{{x}}", "{{examples}}"}) {
    INFO(other);
    CHECK_FALSE(PlainTemplatePieces(other).has_value());
  }
}
