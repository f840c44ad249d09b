#include "builtin/bm25_retriever.hpp"

#include <nlohmann/json.hpp>

#include "builtin/french_sentence_splitter.hpp"
#include "builtin/sample_fields.hpp"
#include "etalon/dataset/jsonl_dataset.hpp"

namespace etalon::adapters {

namespace {

std::vector<std::string> Texts(const std::vector<Passage>& corpus) {
  std::vector<std::string> texts;
  texts.reserve(corpus.size());
  for (const auto& passage : corpus) {
    texts.push_back(passage.title.empty() ? passage.text : passage.title + ". " + passage.text);  // titles help retrieval
  }
  return texts;
}

// How many of the best passages the answer mode draws sentences from.
constexpr std::size_t kAnswerPassages = 3;

}  // namespace

std::variant<std::vector<Passage>, std::string> LoadCorpus(const std::string& path) {
  dataset::JsonlDataset file(path);
  if (!file.is_open()) {
    return path + ": cannot open corpus file";
  }
  std::vector<Passage> corpus;
  core::Sample sample;
  core::Diagnostic problem;
  for (;;) {
    const auto read = file.Next(sample, problem);
    if (read == dataset::JsonlDataset::Read::kEnd) {
      break;
    }
    if (read == dataset::JsonlDataset::Read::kBadLine) {
      return problem.ToString();
    }
    const auto text = sample.fields.find("text");
    if (text == sample.fields.end() || !text->is_string()) {
      return core::Diagnostic{path, sample.line, "text", "is required (a string)"}.ToString();
    }
    corpus.push_back({sample.id, sample.fields.value("title", ""), text->get<std::string>()});
  }
  if (corpus.empty()) {
    return path + ": the corpus has no passages";
  }
  return corpus;
}

Bm25RetrieverAdapter::Bm25RetrieverAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay,
                                           std::vector<Passage> corpus, Mode mode, std::size_t k,
                                           std::string question_field, Bm25Parameters parameters)
    : PooledAdapter(std::move(id), threads, delay),
      corpus_(std::move(corpus)),
      index_(Texts(corpus_), parameters),
      mode_(mode),
      k_(k),
      question_field_(std::move(question_field)),
      parameters_(parameters) {}

core::Response Bm25RetrieverAdapter::Compute(const core::Request& request) {
  core::Response response;
  const auto* question = TextField(request, question_field_, response);
  if (question == nullptr) {
    return response;
  }
  const auto scores = index_.Scores(*question);
  if (mode_ == Mode::kRetrieve) {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto index : TopPassages(scores, k_)) {
      ids.push_back(corpus_[index].id);
    }
    response.text = ids.dump();
    return response;
  }
  std::vector<std::string> sentences;
  for (const auto index : TopPassages(scores, kAnswerPassages)) {
    for (auto& sentence : SplitFrenchSentences(corpus_[index].text)) {
      sentences.push_back(std::move(sentence));
    }
  }
  if (!sentences.empty()) {
    response.text = sentences[BestPassage(Bm25Scores(sentences, *question, parameters_))];
  }
  return response;
}

}  // namespace etalon::adapters
