#include "etalon/prompt/prompt_renderer.hpp"

#include <algorithm>
#include <regex>

#include <kainjow/mustache.hpp>

namespace etalon::prompt {

namespace {

using Data = kainjow::mustache::data;

// JSON null counts as absent, so a template using the field reports it missing.
// Arrays become lists (for sections); objects become their JSON text.
std::optional<Data> ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return std::nullopt;
    case nlohmann::json::value_t::string:
      return Data(value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return Data(value.get<bool>() ? Data::type::bool_true : Data::type::bool_false);
    case nlohmann::json::value_t::array: {
      Data list(Data::type::list);
      for (const auto& item : value) {
        if (auto converted = ToData(item)) {
          list.push_back(*converted);
        }
      }
      return list;
    }
    case nlohmann::json::value_t::object:
      // An object renders as its JSON text: few-shot exemplars show a target as the model should write it.
      return Data(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    default:
      return Data(value.dump());
  }
}

Data SampleData(const core::Sample& sample) {
  Data data;
  for (const auto& [key, value] : sample.fields.items()) {
    if (auto converted = ToData(value)) {
      data.set(key, *converted);
    }
  }
  if (!sample.references.empty()) {
    data.set("reference", sample.references.front());
  }
  return data;
}

// Records every variable looked up and not found, except section names.
class RecordingContext final : public kainjow::mustache::context<std::string> {
 public:
  RecordingContext(const Data* root, const std::vector<std::string>& section_names)
      : kainjow::mustache::context<std::string>(root), section_names_(section_names) {}

  const Data* get(const std::string& name) const override {
    const Data* found = kainjow::mustache::context<std::string>::get(name);
    if (found == nullptr &&
        std::find(section_names_.begin(), section_names_.end(), name) == section_names_.end() &&
        std::find(missing_.begin(), missing_.end(), name) == missing_.end()) {
      missing_.push_back(name);
    }
    return found;
  }

  std::vector<std::string> TakeMissing() { return std::move(missing_); }

 private:
  const std::vector<std::string>& section_names_;
  mutable std::vector<std::string> missing_;
};

}  // namespace

PromptRenderer::PromptRenderer(std::string template_text, std::vector<core::Sample> exemplars)
    : template_text_(std::move(template_text)), exemplars_(std::move(exemplars)) {
  static const std::regex kSectionTag(R"(\{\{\s*[#^]\s*([^}\s]+)\s*\}\})");
  for (auto it = std::sregex_iterator(template_text_.begin(), template_text_.end(), kSectionTag);
       it != std::sregex_iterator(); ++it) {
    section_names_.push_back((*it)[1].str());
  }
}

std::optional<std::string> PromptRenderer::TemplateError() const {
  kainjow::mustache::mustache parsed(template_text_);
  if (parsed.is_valid()) {
    return std::nullopt;
  }
  return parsed.error_message();
}

PromptRenderer::Rendered PromptRenderer::Render(const core::Sample& sample) const {
  kainjow::mustache::mustache parsed(template_text_);
  parsed.set_custom_escape([](const std::string& text) { return text; });
  Data root = SampleData(sample);
  Data examples(Data::type::list);
  for (const auto& exemplar : exemplars_) {
    examples.push_back(SampleData(exemplar));
  }
  root.set("examples", examples);
  RecordingContext context(&root, section_names_);
  Rendered rendered;
  rendered.text = parsed.render(context);
  rendered.missing = context.TakeMissing();
  return rendered;
}

}  // namespace etalon::prompt
