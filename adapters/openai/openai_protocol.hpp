// The OpenAI-compatible wire format (OpenAI, Mistral, Albert, vLLM, Ollama,
// llama.cpp): POST {base_url}/chat/completions, streamed as server-sent
// events or not, with an optional image as a data URL for vision models; and
// POST {base_url}/audio/transcriptions as multipart/form-data for speech.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/vendor_protocol.hpp"

namespace etalon::adapters::openai {

enum class Endpoint { kChat, kTranscription, kEmbeddings };

struct OpenAiSettings {
  std::string base_url;
  std::string model;
  Endpoint endpoint = Endpoint::kChat;
  bool stream = true;
  std::string image_field;  // chat: a sample field naming an image sent with the prompt; empty: none
  std::string audio_field = "audio";  // transcription: the sample field naming the recording
  std::vector<std::string> headers;   // authentication and custom headers, "Name: value"
};

// The chat request body: system prompt, user prompt (with the image when
// `image_data_url` is set), and only the decoding settings the suite sets;
// JSON text.
std::string ChatRequestBody(const core::Request& request, const std::string& model, bool stream,
                               const std::string& image_data_url);

// A non-streamed chat completion body.
http::VendorAnswer ReadChatCompletion(const std::string& body);
// A streamed chat completion: the body's events, each stamped with its first byte.
http::VendorAnswer ReadChatStream(const http::HttpResult& result);
// A transcription body ({"text": ...}).
http::VendorAnswer ReadTranscription(const std::string& body);

class OpenAiProtocol final : public http::VendorProtocol {
 public:
  explicit OpenAiProtocol(OpenAiSettings settings) : settings_(std::move(settings)) {}

  std::variant<http::HttpRequest, core::Error> BuildRequest(const core::Request& request) const override;
  http::VendorAnswer ReadAnswer(const http::HttpResult& result) const override;

 private:
  OpenAiSettings settings_;
};

}  // namespace etalon::adapters::openai
