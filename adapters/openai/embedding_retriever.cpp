#include "openai/embedding_retriever.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "http/http_loop.hpp"

namespace etalon::adapters::openai {

namespace {

using Clock = std::chrono::steady_clock;

// Passages per /embeddings request: well under every provider's input limit.
constexpr std::size_t kCorpusBatch = 64;

double Milliseconds(Clock::duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

core::Error Invalid(std::string message) {
  return core::Error{core::ErrorKind::kInvalidResponse, 0, std::move(message)};
}

double Norm(const Embedding& vector) {
  return std::sqrt(std::inner_product(vector.begin(), vector.end(), vector.begin(), 0.0));
}

}  // namespace

nlohmann::json EmbeddingsRequestBody(const std::string& model, const std::vector<std::string>& inputs) {
  return {{"model", model}, {"input", inputs}};
}

std::variant<std::vector<Embedding>, core::Error> ReadEmbeddings(const std::string& body, std::size_t expected) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  const auto data = json.is_object() ? json.find("data") : json.end();
  if (!json.is_object() || data == json.end() || !data->is_array()) {
    return Invalid("the embeddings answer has no data array");
  }
  if (data->size() != expected) {
    return Invalid(fmt::format("the embeddings answer has {} vectors for {} inputs", data->size(), expected));
  }
  std::vector<Embedding> vectors(expected);
  for (std::size_t position = 0; position < data->size(); ++position) {
    const auto& item = (*data)[position];
    const auto index = item.is_object() && item.contains("index") && item["index"].is_number_unsigned()
                           ? item["index"].get<std::size_t>()
                           : position;
    const auto embedding = item.is_object() ? item.find("embedding") : item.end();
    if (index >= expected || embedding == item.end() || !embedding->is_array() || embedding->empty() ||
        !std::all_of(embedding->begin(), embedding->end(), [](const auto& x) { return x.is_number(); })) {
      return Invalid(fmt::format("the embeddings answer's item {} is not a vector of numbers", position));
    }
    vectors[index] = embedding->get<Embedding>();
  }
  for (const auto& vector : vectors) {
    if (vector.size() != vectors.front().size()) {
      return Invalid("the embeddings answer's vectors differ in length");
    }
  }
  return vectors;
}

std::vector<std::size_t> RankByCosine(const Embedding& query, const std::vector<Embedding>& corpus, std::size_t k) {
  const double query_norm = Norm(query);
  std::vector<double> scores(corpus.size(), 0.0);
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const double norm = Norm(corpus[i]) * query_norm;
    if (corpus[i].size() == query.size() && norm > 0) {
      scores[i] = std::inner_product(query.begin(), query.end(), corpus[i].begin(), 0.0) / norm;
    }
  }
  std::vector<std::size_t> order(corpus.size());
  std::iota(order.begin(), order.end(), 0);
  const auto count = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&scores](std::size_t a, std::size_t b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
  order.resize(count);
  return order;
}

EmbeddingRetriever::EmbeddingRetriever(std::string id, OpenAiSettings settings, std::vector<Passage> corpus,
                                       std::size_t k, std::string question_field,
                                       http::HttpClientSettings client_settings, std::string secret)
    : id_(std::move(id)),
      settings_(std::move(settings)),
      corpus_(std::move(corpus)),
      k_(k),
      question_field_(std::move(question_field)),
      secret_(std::move(secret)),
      client_(std::move(client_settings), http::SharedHttpLoop()) {}

core::Capabilities EmbeddingRetriever::GetCapabilities() const {
  core::Capabilities capabilities;
  capabilities.embeddings = true;
  return capabilities;
}

http::HttpRequest EmbeddingRetriever::EmbeddingsRequest(const std::vector<std::string>& inputs) const {
  http::HttpRequest request;
  request.url = settings_.base_url + "/embeddings";
  request.headers = settings_.headers;
  request.headers.push_back("Content-Type: application/json");
  request.body = EmbeddingsRequestBody(settings_.model, inputs).dump();
  for (const auto& input : inputs) {
    request.estimated_tokens += http::EstimateTokens(input);
  }
  return request;
}

void EmbeddingRetriever::Issue(const core::Request& request, core::CompletionHandler on_complete) {
  Query query{"", std::move(on_complete), Clock::now()};
  const auto found = request.fields != nullptr ? request.fields->find(question_field_) : nlohmann::json::const_iterator();
  if (request.fields == nullptr || found == request.fields->end() || !found->is_string()) {
    core::Response response;
    response.attempts = 0;
    response.error = core::Error{core::ErrorKind::kAdapterFailure, 0,
                                 fmt::format("sample has no text field '{}'", question_field_)};
    query.on_complete(std::move(response));
    return;
  }
  query.question = found->get<std::string>();
  std::unique_lock lock(mutex_);
  ++in_flight_;
  switch (state_) {
    case CorpusState::kReady:
    case CorpusState::kFailed:
      lock.unlock();
      Ask(std::move(query));
      return;
    case CorpusState::kEmbedding:
      waiting_.push_back(std::move(query));
      return;
    case CorpusState::kNotStarted:
      waiting_.push_back(std::move(query));
      state_ = CorpusState::kEmbedding;
      lock.unlock();
      EmbedCorpus();
      return;
  }
}

void EmbeddingRetriever::EmbedCorpus() {
  {
    const std::lock_guard lock(mutex_);
    corpus_vectors_.resize(corpus_.size());
    batches_left_ = (corpus_.size() + kCorpusBatch - 1) / kCorpusBatch;
  }
  for (std::size_t first = 0; first < corpus_.size(); first += kCorpusBatch) {
    const auto count = std::min(kCorpusBatch, corpus_.size() - first);
    std::vector<std::string> inputs;
    for (std::size_t i = first; i < first + count; ++i) {
      inputs.push_back(corpus_[i].title.empty() ? corpus_[i].text : corpus_[i].title + ". " + corpus_[i].text);
    }
    client_.Send(EmbeddingsRequest(inputs),
                 [this, first, count](http::HttpResult result) { OnCorpusBatch(first, count, result); });
  }
}

std::optional<core::Error> EmbeddingRetriever::Failure(const http::HttpResult& result, std::size_t expected,
                                                       std::vector<Embedding>& vectors) const {
  std::optional<core::Error> error;
  if (result.transport_error) {
    error = result.transport_error;
  } else if (result.status < 200 || result.status >= 300) {
    error = http::StatusError(result.status, http::ErrorBodyMessage(result.body));
  } else {
    auto read = ReadEmbeddings(result.body, expected);
    if (auto* problem = std::get_if<core::Error>(&read)) {
      error = std::move(*problem);
    } else {
      vectors = std::move(std::get<0>(read));
    }
  }
  if (error) {
    http::ScrubSecret(*error, secret_);
  }
  return error;
}

void EmbeddingRetriever::OnCorpusBatch(std::size_t first, std::size_t count, const http::HttpResult& result) {
  std::vector<Embedding> vectors;
  auto error = Failure(result, count, vectors);
  std::vector<Query> released;
  {
    const std::lock_guard lock(mutex_);
    if (error && !corpus_error_) {
      corpus_error_ = core::Error{error->kind, error->http_status,
                                  fmt::format("embedding the corpus failed: {}", error->message)};
    }
    std::move(vectors.begin(), vectors.end(), corpus_vectors_.begin() + static_cast<std::ptrdiff_t>(first));
    if (--batches_left_ > 0) {
      return;
    }
    state_ = corpus_error_ ? CorpusState::kFailed : CorpusState::kReady;
    released.swap(waiting_);
  }
  for (auto& query : released) {
    Ask(std::move(query));
  }
}

void EmbeddingRetriever::Ask(Query query) {
  if (state_ == CorpusState::kFailed) {  // final once set: read without the lock
    core::Response response;
    response.attempts = 0;
    response.error = corpus_error_;
    Finish(query, std::move(response));
    return;
  }
  auto request = EmbeddingsRequest({query.question});
  const auto input_tokens = request.estimated_tokens;
  client_.Send(std::move(request), [this, input_tokens, query = std::move(query)](http::HttpResult result) mutable {
    core::Response response;
    response.attempts = result.attempts;
    if (result.first_byte_at) {
      response.timing.ttfb_ms = Milliseconds(*result.first_byte_at - query.issued_at);
    }
    std::vector<Embedding> vectors;
    response.error = Failure(result, 1, vectors);
    if (!response.error) {
      nlohmann::json ids = nlohmann::json::array();
      for (const auto index : RankByCosine(vectors.front(), corpus_vectors_, k_)) {
        ids.push_back(corpus_[index].id);
      }
      response.text = ids.dump();
      const auto json = nlohmann::json::parse(result.body, nullptr, false);
      const auto prompt_tokens = json.is_object() && json.contains("usage") && json["usage"].is_object()
                                     ? json["usage"].value("prompt_tokens", nlohmann::json())
                                     : nlohmann::json();
      response.usage.input_tokens = prompt_tokens.is_number_integer() ? prompt_tokens.get<std::int64_t>() : input_tokens;
      response.usage.output_tokens = 0;
      response.usage.estimated = !prompt_tokens.is_number_integer();
    }
    Finish(query, std::move(response));
  });
}

void EmbeddingRetriever::Finish(Query& query, core::Response response) {
  response.timing.end_to_end_ms = Milliseconds(Clock::now() - query.issued_at);
  query.on_complete(std::move(response));
  const std::lock_guard lock(mutex_);
  --in_flight_;
  idle_.notify_all();
}

void EmbeddingRetriever::Drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return in_flight_ == 0 && state_ != CorpusState::kEmbedding; });
}

}  // namespace etalon::adapters::openai
