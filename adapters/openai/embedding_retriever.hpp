// `openai` with endpoint: embeddings — dense retrieval through an
// OpenAI-compatible /embeddings endpoint. The corpus (the same JSONL file as
// builtin:bm25) is embedded once, in batches, when the first question
// arrives; questions that come meanwhile wait in a list, not on a thread.
// Each question is then embedded and the corpus ranked by cosine similarity;
// the answer is the JSON array of the k best passage ids, as builtin:bm25's
// retrieve mode gives, so the retrieval metrics score both alike.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "builtin/bm25_retriever.hpp"
#include "etalon/core/adapter.hpp"
#include "http/http_client.hpp"
#include "openai/openai_protocol.hpp"

namespace etalon::adapters::openai {

using Embedding = std::vector<float>;

nlohmann::json EmbeddingsRequestBody(const std::string& model, const std::vector<std::string>& inputs);
// The `data[].embedding` vectors in `index` order; an error unless there are `expected` of equal length.
std::variant<std::vector<Embedding>, core::Error> ReadEmbeddings(const std::string& body, std::size_t expected);
// The indexes of the `k` corpus vectors most similar to `query` (cosine), best first, ties to the earliest.
std::vector<std::size_t> RankByCosine(const Embedding& query, const std::vector<Embedding>& corpus, std::size_t k);

class EmbeddingRetriever final : public core::Adapter {
 public:
  EmbeddingRetriever(std::string id, OpenAiSettings settings, std::vector<Passage> corpus, std::size_t k,
                     std::string question_field, http::HttpClientSettings client_settings, std::string secret);
  ~EmbeddingRetriever() override { Drain(); }

  const std::string& Id() const override { return id_; }
  core::Capabilities GetCapabilities() const override;
  void Issue(const core::Request& request, core::CompletionHandler on_complete) override;
  void Drain() override;

 private:
  struct Query {
    std::string question;
    core::CompletionHandler on_complete;
    std::chrono::steady_clock::time_point issued_at;
  };
  enum class CorpusState { kNotStarted, kEmbedding, kReady, kFailed };

  http::HttpRequest EmbeddingsRequest(const std::vector<std::string>& inputs) const;
  void EmbedCorpus();
  void OnCorpusBatch(std::size_t first, std::size_t count, const http::HttpResult& result);
  void Ask(Query query);
  void Finish(Query& query, core::Response response);
  std::optional<core::Error> Failure(const http::HttpResult& result, std::size_t expected,
                                     std::vector<Embedding>& vectors) const;

  std::string id_;
  OpenAiSettings settings_;
  std::vector<Passage> corpus_;
  std::size_t k_;
  std::string question_field_;
  std::string secret_;
  http::HttpClient client_;

  std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t in_flight_ = 0;  // questions issued and not completed
  CorpusState state_ = CorpusState::kNotStarted;
  std::size_t batches_left_ = 0;
  std::vector<Embedding> corpus_vectors_;
  std::optional<core::Error> corpus_error_;
  std::vector<Query> waiting_;  // questions that came before the corpus was embedded
};

}  // namespace etalon::adapters::openai
