// Fuzz target: the OpenAI-compatible answer readers (chat completion body,
// chat stream, transcription) and the error-body reader every vendor uses.
#include <cstddef>
#include <cstdint>

#include "openai/openai_protocol.hpp"
#include "vendor_answer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using etalon::adapters::openai::Endpoint;
  using etalon::adapters::openai::OpenAiProtocol;
  const auto exchange = etalon::fuzz::FuzzedExchange(data, size);
  for (const auto endpoint : {Endpoint::kChat, Endpoint::kTranscription}) {
    etalon::adapters::openai::OpenAiSettings settings;
    settings.endpoint = endpoint;
    (void)OpenAiProtocol(settings).ReadAnswer(exchange);
  }
  (void)etalon::adapters::http::ErrorBodyMessage(exchange.body);
  return 0;
}
