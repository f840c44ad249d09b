// Tests for harness/prompt/prompt_renderer.cpp.
#include <catch2/catch.hpp>

#include <random>

#include "etalon/prompt/prompt_renderer.hpp"

using etalon::core::Sample;
using etalon::prompt::PromptRenderer;

namespace {

Sample MakeSample(const std::string& id, nlohmann::json fields) {
  Sample sample;
  sample.id = id;
  fields["id"] = id;
  if (fields.contains("reference")) {
    sample.references.push_back(fields["reference"].get<std::string>());
  }
  sample.fields = std::move(fields);
  return sample;
}

}  // namespace

TEST_CASE("Few-shot exemplars render before the sample, with no HTML escaping", "[prompt]") {
  const PromptRenderer renderer(
      "{{#examples}}Q: {{input}}\nR: {{reference}}\n{{/examples}}Q: {{input}}\nR:",
      {MakeSample("e1", {{"input", "1 < 2 ?"}, {"reference", "oui"}}),
       MakeSample("e2", {{"input", "l'an « 2024 » & après"}, {"reference", "non"}})});
  const auto rendered = renderer.Render(MakeSample("s", {{"input", "<b>Quand ?</b>"}}));
  CHECK(rendered.missing.empty());
  CHECK(rendered.text == "Q: 1 < 2 ?\nR: oui\nQ: l'an « 2024 » & après\nR: non\nQ: <b>Quand ?</b>\nR:");
}

TEST_CASE("A variable the sample lacks is reported, a section name is not", "[prompt]") {
  const PromptRenderer renderer("{{question}} {{#context}}Contexte : {{context}}{{/context}}", {});
  const auto rendered = renderer.Render(MakeSample("s", {{"input", "x"}}));
  CHECK(rendered.missing == std::vector<std::string>{"question"});
}

TEST_CASE("A JSON null field counts as missing", "[prompt]") {
  const PromptRenderer renderer("{{input}}", {});
  CHECK(renderer.Render(MakeSample("s", {{"input", nullptr}})).missing == std::vector<std::string>{"input"});
}

TEST_CASE("An unbalanced template is a template error", "[prompt]") {
  const PromptRenderer renderer("{{#examples}}unclosed", {});
  CHECK(renderer.TemplateError().has_value());
  CHECK_FALSE(PromptRenderer("{{input}}", {}).TemplateError().has_value());
}

TEST_CASE("An object field renders as its JSON text, for few-shot targets", "[prompt]") {
  const PromptRenderer renderer("{{#examples}}JSON : {{target}}\n{{/examples}}", {MakeSample("e", {{"target", {{"amount", 200}, {"name", "Éa"}}}})});
  CHECK(renderer.Render(MakeSample("s", nlohmann::json::object())).text == "JSON : {\"amount\":200,\"name\":\"Éa\"}\n");
}

TEST_CASE("Fields reach the template however it names them; `examples` is always the exemplars", "[prompt]") {
  const auto sample = MakeSample("s", {{"input", "Quand ?"},
                                       {"lieu", "Lyon"},
                                       {"unused", "x"},
                                       {"examples", "a field of that name"},
                                       {"liste", {"a", "b"}}});
  const PromptRenderer renderer(
      "{{{input}}} {{& lieu}} {{#liste}}[{{.}}]{{/liste}} {{#examples}}<{{input}}>{{/examples}}{{^vide}}-{{/vide}}",
      {MakeSample("e", {{"input", "Où ?"}})});
  const auto rendered = renderer.Render(sample);
  CHECK(rendered.text == "Quand ? Lyon [a][b] <Où ?>-");
  CHECK(rendered.missing.empty());
  // A template that changes its delimiters is read with every field.
  const PromptRenderer changed("{{=<% %>=}}<% lieu %> <% absent %>", {});
  const auto changed_rendered = changed.Render(sample);
  CHECK(changed_rendered.text == "Lyon ");
  CHECK(changed_rendered.missing == std::vector<std::string>{"absent"});
}

TEST_CASE("A render reports missing what mustache reports missing, for every kind of template", "[prompt]") {
  const std::vector<std::string> templates = {
      "{{input}}",
      "Question : {{ input }} ; lieu : {{{lieu}}} ; {{& absent}} {{! un commentaire {{input}} }}{{input}}",
      "{{reference}} / {{examples}} / {{vide}} / {{liste}} / {{objet}} / {{nombre}}",
      "{{#examples}}{{input}} {{reference}}{{/examples}}{{input}} {{autre}}",
      "{{^vide}}rien{{/vide}}{{manque}}",
      "{{objet.ville}} {{input}}",
      "{{=<% %>=}}<% lieu %> <% absent %>",
      "pas de variable",
  };
  Sample referenced = MakeSample("r", {{"input", "y"}});
  referenced.references = {"une référence hors des champs"};
  const std::vector<Sample> samples = {
      referenced,
      MakeSample("a", {{"input", "x"}, {"lieu", "Lyon"}, {"reference", "r"}}),
      MakeSample("b", {{"input", nullptr}, {"vide", nullptr}, {"liste", nlohmann::json::array()}}),
      MakeSample("c", {{"objet", {{"ville", "Nantes"}}}, {"nombre", 3}, {"examples", "champ"}, {"autre", false}}),
      MakeSample("d", nlohmann::json::object()),
  };
  const std::vector<Sample> exemplars = {MakeSample("e", {{"input", "Où ?"}, {"reference", "ici"}})};
  for (const auto& text : templates) {
    const PromptRenderer renderer(text, exemplars);
    // With an empty section after it, the template is mustache's to render
    // (after a change of delimiters, the section is only text).
    const PromptRenderer by_mustache(text + "{{#zz_oracle}}{{/zz_oracle}}", exemplars);
    for (const auto& sample : samples) {
      INFO(text << " with sample " << sample.id);
      CHECK(renderer.Render(sample).missing == by_mustache.Render(sample).missing);
    }
  }
}

TEST_CASE("Templates of plain variables render as mustache renders them", "[prompt]") {
  // The same template with an empty section after it is rendered by mustache
  // itself: the oracle for the direct filling of plain variables.
  const std::vector<std::string> tokens = {"Q: ",     "\n",        " ",         "{",         "}",          "é",
                                           "{{x}}",   "{{ y }}",   "{{{x}}}",   "{{& y}}",   "{{reference}}", "{{z}}",
                                           "{{{ z }}}", "}}",      "{{",        "{{#s}}",    "{{/s}}",     "{{! c }}",
                                           "{{x.y}}", "{{ x y }}"};
  const std::vector<nlohmann::json> values = {"",  "oui", "{{x}}", "a}b", "été\n", 42, 2.5, -0.0, true,
                                              nullptr, nlohmann::json::array({"a"}), {{"k", 1}}};
  std::mt19937 random(20261129);
  std::size_t plain = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    std::string text;
    for (std::size_t i = random() % 7; i > 0; --i) {
      text += tokens[random() % tokens.size()];
    }
    const PromptRenderer renderer(text, {});
    const PromptRenderer by_mustache(text + "{{#zz_oracle}}{{/zz_oracle}}", {});
    if (renderer.TemplateError() || by_mustache.TemplateError()) {
      continue;
    }
    nlohmann::json fields = nlohmann::json::object();
    for (const char* name : {"x", "y", "z"}) {
      if (random() % 4 != 0) {
        fields[name] = values[random() % values.size()];
      }
    }
    if (random() % 2 == 0) {
      fields["reference"] = "réf";
    }
    const auto sample = MakeSample("s", fields);
    const auto rendered = renderer.Render(sample);
    const auto expected = by_mustache.Render(sample);
    INFO("template: " << text << "\nfields: " << fields.dump());
    REQUIRE(rendered.text == expected.text);
    REQUIRE(rendered.missing == expected.missing);
    plain += text.find("{{") != std::string::npos ? 1 : 0;
  }
  CHECK(plain > 1000);
}
