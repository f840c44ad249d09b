#include "wire_bodies.hpp"

namespace etalon::simulator {

namespace {

const char* OpenAiFinish(FinishReason finish) { return finish == FinishReason::kLength ? "length" : "stop"; }

const char* AnthropicStop(FinishReason finish) {
  switch (finish) {
    case FinishReason::kStop:
      return "end_turn";
    case FinishReason::kStopSequence:
      return "stop_sequence";
    case FinishReason::kLength:
      return "max_tokens";
  }
  return "end_turn";
}

Json Usage(std::size_t prompt_tokens, std::size_t completion_tokens) {
  return Json{{"prompt_tokens", prompt_tokens},
              {"completion_tokens", completion_tokens},
              {"total_tokens", prompt_tokens + completion_tokens}};
}

Json StopSequence(const Answer& answer) { return answer.stop_sequence ? Json(*answer.stop_sequence) : Json(nullptr); }

}  // namespace

Json OpenAiError(const std::string& message, const std::string& type, const std::optional<std::string>& code) {
  return Json{{"error", Json{{"message", message},
                             {"type", type},
                             {"param", nullptr},
                             {"code", code ? Json(*code) : Json(nullptr)}}}};
}

Json AnthropicError(const std::string& type, const std::string& message) {
  return Json{{"type", "error"}, {"error", Json{{"type", type}, {"message", message}}}};
}

Json ChatCompletion(const AnswerContext& context, const Answer& answer) {
  return Json{
      {"id", context.id},
      {"object", "chat.completion"},
      {"created", context.created},
      {"model", context.model},
      {"system_fingerprint", context.system_fingerprint},
      {"choices", Json::array({Json{{"index", 0},
                                    {"message", Json{{"role", "assistant"}, {"content", answer.Text()}}},
                                    {"logprobs", nullptr},
                                    {"finish_reason", OpenAiFinish(answer.finish)}}})},
      {"usage", Usage(context.prompt_tokens, answer.tokens.size())},
  };
}

Json ChatChunk(const AnswerContext& context, Json delta, const std::optional<FinishReason>& finish,
               bool include_usage) {
  Json chunk{
      {"id", context.id},
      {"object", "chat.completion.chunk"},
      {"created", context.created},
      {"model", context.model},
      {"system_fingerprint", context.system_fingerprint},
      {"choices", Json::array({Json{{"index", 0},
                                    {"delta", std::move(delta)},
                                    {"logprobs", nullptr},
                                    {"finish_reason", finish ? Json(OpenAiFinish(*finish)) : Json(nullptr)}}})},
  };
  if (include_usage) {
    chunk["usage"] = nullptr;  // every chunk but the last carries a null usage
  }
  return chunk;
}

Json ChatUsageChunk(const AnswerContext& context, std::size_t completion_tokens) {
  return Json{
      {"id", context.id},
      {"object", "chat.completion.chunk"},
      {"created", context.created},
      {"model", context.model},
      {"system_fingerprint", context.system_fingerprint},
      {"choices", Json::array()},
      {"usage", Usage(context.prompt_tokens, completion_tokens)},
  };
}

Json AnthropicMessage(const AnswerContext& context, const Answer& answer) {
  return Json{
      {"id", context.id},
      {"type", "message"},
      {"role", "assistant"},
      {"model", context.model},
      {"content", Json::array({Json{{"type", "text"}, {"text", answer.Text()}}})},
      {"stop_reason", AnthropicStop(answer.finish)},
      {"stop_sequence", StopSequence(answer)},
      {"usage", Json{{"input_tokens", context.prompt_tokens}, {"output_tokens", answer.tokens.size()}}},
  };
}

Json AnthropicMessageStart(const AnswerContext& context) {
  return Json{{"type", "message_start"},
              {"message", Json{{"id", context.id},
                               {"type", "message"},
                               {"role", "assistant"},
                               {"model", context.model},
                               {"content", Json::array()},
                               {"stop_reason", nullptr},
                               {"stop_sequence", nullptr},
                               {"usage", Json{{"input_tokens", context.prompt_tokens}, {"output_tokens", 1}}}}}};
}

Json AnthropicMessageDelta(const Answer& answer) {
  return Json{{"type", "message_delta"},
              {"delta", Json{{"stop_reason", AnthropicStop(answer.finish)}, {"stop_sequence", StopSequence(answer)}}},
              {"usage", Json{{"output_tokens", answer.tokens.size()}}}};
}

Json EmbeddingList(const std::string& model, const std::vector<std::vector<double>>& vectors,
                   std::size_t prompt_tokens) {
  Json data = Json::array();
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    data.push_back(Json{{"object", "embedding"}, {"index", i}, {"embedding", vectors[i]}});
  }
  return Json{{"object", "list"},
              {"data", std::move(data)},
              {"model", model},
              {"usage", Json{{"prompt_tokens", prompt_tokens}, {"total_tokens", prompt_tokens}}}};
}

std::string SseEvent(const std::string& event, const std::string& data) {
  std::string text;
  if (!event.empty()) {
    text += "event: " + event + "\n";
  }
  text += "data: " + data + "\n\n";
  return text;
}

}  // namespace etalon::simulator
