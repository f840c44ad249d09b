// JSON bodies and SSE events in the vendors' public wire formats (OpenAI
// Chat Completions, Embeddings, Models and error objects; Anthropic Messages
// and its stream events). Keys are in the vendors' order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "answer_maker.hpp"

namespace etalon::simulator {

using Json = nlohmann::ordered_json;

// What every body of one answer shares.
struct AnswerContext {
  std::string id;  // chatcmpl-... or msg_...
  std::int64_t created = 0;
  std::string model;
  std::string system_fingerprint;
  std::size_t prompt_tokens = 0;
};

Json OpenAiError(const std::string& message, const std::string& type, const std::optional<std::string>& code);
Json AnthropicError(const std::string& type, const std::string& message);

Json ChatCompletion(const AnswerContext& context, const Answer& answer);
// One chat.completion.chunk: `delta` as given, finish_reason when the answer ended.
Json ChatChunk(const AnswerContext& context, Json delta, const std::optional<FinishReason>& finish,
               bool include_usage);
Json ChatUsageChunk(const AnswerContext& context, std::size_t completion_tokens);

Json AnthropicMessage(const AnswerContext& context, const Answer& answer);
Json AnthropicMessageStart(const AnswerContext& context);
Json AnthropicMessageDelta(const Answer& answer);

Json EmbeddingList(const std::string& model, const std::vector<std::vector<double>>& vectors,
                   std::size_t prompt_tokens);

// "data: <json>\n\n", with "event: <name>\n" first when `event` is not empty (Anthropic).
std::string SseEvent(const std::string& event, const std::string& data);

}  // namespace etalon::simulator
