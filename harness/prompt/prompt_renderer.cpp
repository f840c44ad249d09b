#include "etalon/prompt/prompt_renderer.hpp"

#include <algorithm>
#include <string_view>
#include <set>

#include <kainjow/mustache.hpp>

#include "etalon/prompt/template_tags.hpp"

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

// The sample's fields as template data; with `used`, only those fields
// (converting every field of every sample was most of a render's cost).
Data SampleData(const core::Sample& sample, const std::optional<std::set<std::string, std::less<>>>& used = std::nullopt) {
  Data data;
  for (const auto& [key, value] : sample.fields.items()) {
    if (used && !used->contains(key)) {
      continue;
    }
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

// Collects the rendered text (kainjow renders to a stream; a string stream
// cost as much as the rendering).
struct TextSink {
  std::string text;
  TextSink& operator<<(const std::string& piece) {
    text += piece;
    return *this;
  }
};

}  // namespace

struct PromptRenderer::Compiled {
  kainjow::mustache::mustache parsed;
  Data examples;  // {"examples": [exemplar fields...]}
  std::vector<std::string> section_names;  // names used as {{#x}} or {{^x}}: absence is meaningful there
  std::optional<std::set<std::string, std::less<>>> used_names;  // the fields a render needs; unset: all
  std::optional<std::vector<TemplatePiece>> plain_pieces;  // PlainTemplatePieces of the template
};

PromptRenderer::PromptRenderer(std::string template_text, std::vector<core::Sample> exemplars) {
  Data list(Data::type::list);
  for (const auto& exemplar : exemplars) {
    list.push_back(SampleData(exemplar));
  }
  Data examples;
  examples.set("examples", list);
  auto compiled = std::make_unique<Compiled>(
      Compiled{kainjow::mustache::mustache(template_text), std::move(examples), SectionTagNames(template_text),
               TopLevelTagNames(template_text), PlainTemplatePieces(template_text)});
  compiled->parsed.set_custom_escape([](const std::string& text) { return text; });
  compiled_ = std::move(compiled);
}

PromptRenderer::~PromptRenderer() = default;
PromptRenderer::PromptRenderer(PromptRenderer&&) noexcept = default;
PromptRenderer& PromptRenderer::operator=(PromptRenderer&&) noexcept = default;

std::optional<std::string> PromptRenderer::TemplateError() const {
  if (compiled_->parsed.is_valid()) {
    return std::nullopt;
  }
  return compiled_->parsed.error_message();
}

std::optional<PromptRenderer::Rendered> PromptRenderer::RenderPlain(const core::Sample& sample) const {
  Rendered rendered;
  for (const auto& piece : *compiled_->plain_pieces) {
    if (!piece.variable) {
      rendered.text += piece.text;
      continue;
    }
    if (piece.text == "reference" && !sample.references.empty()) {
      rendered.text += sample.references.front();
      continue;
    }
    const auto field = sample.fields.find(piece.text);
    if (field == sample.fields.end() || field->is_null() || field->is_discarded()) {
      if (std::find(rendered.missing.begin(), rendered.missing.end(), piece.text) == rendered.missing.end()) {
        rendered.missing.push_back(piece.text);
      }
    } else if (field->is_string()) {
      rendered.text += field->get_ref<const std::string&>();
    } else if (field->is_number()) {
      rendered.text += field->dump();  // as ToData gives it to mustache
    } else {
      return std::nullopt;  // a boolean, list or object: mustache's own rules
    }
  }
  return rendered;
}

PromptRenderer::Rendered PromptRenderer::Render(const core::Sample& sample) const {
  // A template of plain variables is filled in directly: what mustache
  // would do, without converting the sample nor copying the template.
  if (compiled_->plain_pieces) {
    if (auto rendered = RenderPlain(sample)) {
      return std::move(*rendered);
    }
  }
  // Rendering writes into the template object; each render has its copy.
  auto parsed = compiled_->parsed;
  const Data fields = SampleData(sample, compiled_->used_names);
  // Looked up first, so `examples` is the exemplars even for a sample that
  // has a field of that name.
  RecordingContext context(&fields, compiled_->section_names);
  context.push(&compiled_->examples);
  TextSink sink;
  parsed.render(context, sink);
  Rendered rendered;
  rendered.text = std::move(sink.text);
  rendered.missing = context.TakeMissing();
  return rendered;
}

}  // namespace etalon::prompt
