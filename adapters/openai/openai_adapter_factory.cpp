#include "openai/openai_adapter_factory.hpp"

#include <fmt/format.h>

#include "builtin/bm25_retriever.hpp"
#include "http/http_adapter.hpp"
#include "http/http_options.hpp"
#include "openai/embedding_retriever.hpp"
#include "openai/openai_preset.hpp"
#include "openai/openai_protocol.hpp"

namespace etalon::adapters::openai {

namespace {

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

}  // namespace

std::string OpenAiOptionsHelp() {
  return fmt::format(
      "the entry's preset ({}) and model; base_url, api_key_env or api_key_file (a private file), api_key_header (authorization | api-key), "
      "endpoint (chat | transcription | embeddings), stream (true), image_field (none), audio_field (audio), "
      "corpus, k (10), question_field (question) for embeddings; {}",
      OpenAiPresetNames(), http::kSharedHttpOptionsHelp);
}

std::unique_ptr<core::Adapter> MakeOpenAiAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                 AdapterOptions& options) {
  auto known = http::SharedHttpOptionNames();
  known.insert(known.end(), {"base_url", "api_key_env", "api_key_file", "api_key_header", "endpoint", "stream", "image_field",
                             "audio_field", "corpus", "k", "question_field"});
  options.RejectUnknown(known);
  const OpenAiPreset* preset = nullptr;
  if (!config.preset.empty()) {
    preset = FindOpenAiPreset(config.preset);
    if (preset == nullptr) {
      options.ReportEntry("preset", fmt::format("unknown preset '{}' (known: {})", config.preset, OpenAiPresetNames()));
    }
  }
  OpenAiSettings settings;
  settings.base_url = WithoutTrailingSlash(options.String("base_url", preset != nullptr ? preset->base_url : ""));
  if (settings.base_url.empty()) {
    options.Report("base_url", fmt::format("is required without a preset ({})", OpenAiPresetNames()));
  }
  settings.model = config.model;
  if (settings.model.empty()) {
    options.ReportEntry("model", "is required: the model id the API serves");
  }
  const auto key = http::ReadApiKey(config, preset != nullptr ? preset->key_variable : "", options);
  const auto key_header = options.String("api_key_header", "authorization");
  if (key_header != "authorization" && key_header != "api-key") {
    options.Report("api_key_header", "must be authorization or api-key");
  }
  settings.headers = http::ReadHeaders(options);
  if (!key.empty()) {
    settings.headers.push_back(key_header == "api-key" ? "api-key: " + key : "Authorization: Bearer " + key);
  }
  const auto endpoint = options.String("endpoint", "chat");
  if (endpoint == "transcription") {
    settings.endpoint = Endpoint::kTranscription;
  } else if (endpoint == "embeddings") {
    settings.endpoint = Endpoint::kEmbeddings;
  } else if (endpoint != "chat") {
    options.Report("endpoint", "must be chat, transcription or embeddings");
  }
  settings.stream = options.Boolean("stream", true);
  settings.image_field = options.String("image_field", "");
  settings.audio_field = options.String("audio_field", "audio");
  auto client_settings = http::ReadHttpClientSettings(config, context, options);

  if (settings.endpoint == Endpoint::kEmbeddings) {
    const auto corpus_path = options.Path("corpus", true);
    const auto k = static_cast<std::size_t>(options.Integer("k", 10, 1, 1000));
    const auto question_field = options.String("question_field", "question");
    if (corpus_path.empty()) {
      return nullptr;
    }
    auto corpus = LoadCorpus(corpus_path);
    if (const auto* error = std::get_if<std::string>(&corpus)) {
      options.Report("corpus", *error);
      return nullptr;
    }
    return std::make_unique<EmbeddingRetriever>(config.id, std::move(settings), std::move(std::get<0>(corpus)), k,
                                                question_field, std::move(client_settings), key);
  }
  core::Capabilities capabilities;
  capabilities.chat = settings.endpoint == Endpoint::kChat;
  capabilities.streaming = settings.endpoint == Endpoint::kChat && settings.stream;
  capabilities.image_input = !settings.image_field.empty();
  capabilities.audio_input = settings.endpoint == Endpoint::kTranscription;
  return std::make_unique<http::HttpAdapter>(config.id, capabilities, std::make_unique<OpenAiProtocol>(settings),
                                             std::move(client_settings), key);
}

}  // namespace etalon::adapters::openai
