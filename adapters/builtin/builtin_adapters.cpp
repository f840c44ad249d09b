#include "builtin/builtin_adapters.hpp"

#include <fmt/format.h>

#include "builtin/french_sentence_splitter.hpp"

namespace etalon::adapters {

namespace {

// The text of a sample field, or an error naming the field.
const std::string* TextField(const core::Request& request, const std::string& field, core::Response& response) {
  if (request.fields != nullptr) {
    const auto found = request.fields->find(field);
    if (found != request.fields->end() && found->is_string()) {
      return &found->get_ref<const std::string&>();
    }
  }
  response.error = core::Error{core::ErrorKind::kAdapterFailure, 0,
                               fmt::format("sample has no text field '{}'", field)};
  return nullptr;
}

}  // namespace

core::Response EchoAdapter::Compute(const core::Request& request) {
  core::Response response;
  response.text = request.prompt;
  return response;
}

LeadAdapter::LeadAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, std::size_t sentences,
                         std::string field)
    : PooledAdapter(std::move(id), threads, delay), sentences_(sentences), field_(std::move(field)) {}

core::Response LeadAdapter::Compute(const core::Request& request) {
  core::Response response;
  const auto* text = TextField(request, field_, response);
  if (text == nullptr) {
    return response;
  }
  const auto sentences = SplitFrenchSentences(*text);
  for (std::size_t i = 0; i < sentences.size() && i < sentences_; ++i) {
    if (i > 0) {
      response.text += ' ';
    }
    response.text += sentences[i];
  }
  return response;
}

Bm25ExtractAdapter::Bm25ExtractAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay,
                                       std::string context_field, std::string question_field,
                                       Bm25Parameters parameters)
    : PooledAdapter(std::move(id), threads, delay),
      context_field_(std::move(context_field)),
      question_field_(std::move(question_field)),
      parameters_(parameters) {}

core::Response Bm25ExtractAdapter::Compute(const core::Request& request) {
  core::Response response;
  const auto* context = TextField(request, context_field_, response);
  const auto* question = context != nullptr ? TextField(request, question_field_, response) : nullptr;
  if (question == nullptr) {
    return response;
  }
  const auto sentences = SplitFrenchSentences(*context);
  if (!sentences.empty()) {
    response.text = sentences[BestPassage(Bm25Scores(sentences, *question, parameters_))];
  }
  return response;
}

}  // namespace etalon::adapters
