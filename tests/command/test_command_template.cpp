// Tests for adapters/command/command_template.cpp: parsing, and expansion
// that keeps every value inside its own argument.
#include <catch2/catch.hpp>

#include "command/command_template.hpp"

using etalon::adapters::CommandTemplate;
using etalon::adapters::Placeholder;
using etalon::adapters::PlaceholderValues;

TEST_CASE("A template expands each placeholder inside its own argument", "[command]") {
  std::string problem;
  const auto parsed = CommandTemplate::Parse(
      {"tool", "--in={{input_file}}", "{{ text }}", "{{source_lang}}-{{target_lang}}", "-"}, problem);
  REQUIRE(parsed);
  CHECK(parsed->Program() == "tool");
  CHECK(parsed->Uses(Placeholder::kInputFile));
  CHECK(parsed->Uses(Placeholder::kText));
  CHECK_FALSE(parsed->Uses(Placeholder::kMedia));
  PlaceholderValues values;
  values[static_cast<std::size_t>(Placeholder::kInputFile)] = "/tmp/a b.txt";
  values[static_cast<std::size_t>(Placeholder::kText)] = "deux mots; $(et plus)\n";
  values[static_cast<std::size_t>(Placeholder::kSourceLang)] = "fr";
  values[static_cast<std::size_t>(Placeholder::kTargetLang)] = "es";
  CHECK(parsed->Expand(values) ==
        std::vector<std::string>{"tool", "--in=/tmp/a b.txt", "deux mots; $(et plus)\n", "fr-es", "-"});
}

TEST_CASE("A template refuses unknown placeholders, open braces and a variable program", "[command]") {
  std::string problem;
  CHECK_FALSE(CommandTemplate::Parse({}, problem));
  CHECK(problem == "the command is empty: give the program and its arguments");
  CHECK_FALSE(CommandTemplate::Parse({"tool", "{{texte}}"}, problem));
  CHECK_THAT(problem, Catch::StartsWith("argument 1 ('{{texte}}'): unknown placeholder {{texte}} (known: "
                                        "{{input_file}}, {{text}}"));
  CHECK_FALSE(CommandTemplate::Parse({"tool", "a", "{{text"}, problem));
  CHECK(problem == "argument 2 ('{{text') opens a placeholder with {{ and never closes it");
  CHECK_FALSE(CommandTemplate::Parse({"{{text}}"}, problem));
  CHECK_THAT(problem, Catch::Contains("cannot hold a placeholder"));
}
