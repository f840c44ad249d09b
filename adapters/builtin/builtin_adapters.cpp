#include "builtin/builtin_adapters.hpp"

#include <fmt/format.h>

#include "builtin/french_sentence_splitter.hpp"
#include "builtin/sample_fields.hpp"

namespace etalon::adapters {


EchoAdapter::EchoAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, std::string field)
    : PooledAdapter(std::move(id), threads, delay), field_(std::move(field)) {}

core::Response EchoAdapter::Compute(const core::Request& request) {
  core::Response response;
  if (field_.empty()) {
    response.text = request.prompt;
  } else if (const auto* text = TextField(request, field_, response)) {
    response.text = *text;
  }
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
