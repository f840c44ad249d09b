// Renders a suite's mustache template for one sample. Variables are the
// sample's fields; `reference` is its first reference; `examples` is the list
// of few-shot exemplars (each with the same fields), for {{#examples}}...{{/examples}}.
// Nothing is HTML-escaped: prompts are plain text, {{x}} and {{{x}}} are the same.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/sample.hpp"

namespace etalon::prompt {

class PromptRenderer {
 public:
  PromptRenderer(std::string template_text, std::vector<core::Sample> exemplars);
  ~PromptRenderer();
  PromptRenderer(PromptRenderer&&) noexcept;
  PromptRenderer& operator=(PromptRenderer&&) noexcept;

  // The template's syntax error, if any (unbalanced sections...).
  std::optional<std::string> TemplateError() const;

  struct Rendered {
    std::string text;
    std::vector<std::string> missing;  // variables the template uses that the sample lacks
  };
  // Thread-safe. A template of plain variables is filled in without
  // mustache (template_tags.hpp): the datasets' check renders every sample
  // before a run, and the run renders each again.
  Rendered Render(const core::Sample& sample) const;

 private:
  // What every render shares, made once: a run renders each prompt twice
  // (the datasets' check, then the request), and parsing the template and
  // converting the exemplars was most of a render's cost.
  struct Compiled;
  // A template of plain variables rendered without mustache; std::nullopt
  // for a sample whose value mustache would treat by its own rules.
  std::optional<Rendered> RenderPlain(const core::Sample& sample) const;

  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace etalon::prompt
