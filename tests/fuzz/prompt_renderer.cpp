// Fuzz target: the mustache prompt renderer as a run uses it: a template
// that passes TemplateError() is rendered for a sample, with one few-shot
// exemplar. Input: line 1 the sample (a dataset line), line 2 the exemplar,
// the rest the template.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/prompt/prompt_renderer.hpp"

namespace {

// The next line of `rest` (consumed), or all of it when there is no newline.
std::string TakeLine(std::string_view& rest) {
  const auto end = rest.find('\n');
  const std::string line(rest.substr(0, end));
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return line;
}

// The dataset line as a sample, or a sample with only an id when it is not a valid line.
etalon::core::Sample SampleOf(const std::string& line) {
  etalon::core::Sample sample;
  etalon::core::Diagnostic problem;
  if (!etalon::dataset::ParseSampleLine(line, 1, "fuzz.jsonl", sample, problem)) {
    sample = {};
    sample.id = "fuzz";
    sample.fields = {{"id", "fuzz"}};
  }
  return sample;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const auto sample = SampleOf(TakeLine(rest));
  std::vector<etalon::core::Sample> exemplars{SampleOf(TakeLine(rest))};
  const etalon::prompt::PromptRenderer renderer{std::string(rest), std::move(exemplars)};
  if (renderer.TemplateError()) {
    return 0;  // a run stops at validation: such a template is never rendered
  }
  (void)renderer.Render(sample);
  return 0;
}
