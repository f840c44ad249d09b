#include "chat_turn.hpp"

#include "word_tokens.hpp"

namespace etalon::simulator {

namespace {

using Json = nlohmann::json;

// The text of a message's `content`: a string, or an array of parts of which
// the text ones count ("text" in both APIs) and image ones are counted.
std::optional<std::string> ContentText(const Json& content, std::size_t& images) {
  if (content.is_string()) {
    return content.get<std::string>();
  }
  if (content.is_null()) {
    return std::string();
  }
  if (!content.is_array()) {
    return std::nullopt;
  }
  std::string text;
  for (const auto& part : content) {
    if (!part.is_object() || !part.contains("type") || !part["type"].is_string()) {
      return std::nullopt;
    }
    const auto type = part["type"].get<std::string>();
    if (type == "text") {
      if (!part.contains("text") || !part["text"].is_string()) {
        return std::nullopt;
      }
      text += text.empty() ? "" : "\n";
      text += part["text"].get<std::string>();
    } else if (type == "image_url" || type == "image") {
      ++images;
    }
  }
  return text;
}

std::optional<std::string> ReadStops(const Json& body, const char* key, std::vector<std::string>& stops) {
  if (!body.contains(key) || body[key].is_null()) {
    return std::nullopt;
  }
  const Json& value = body[key];
  if (value.is_string()) {
    stops.push_back(value.get<std::string>());
    return std::nullopt;
  }
  if (!value.is_array()) {
    return std::string("'") + key + "' must be a string or an array of strings";
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      return std::string("'") + key + "' must be a string or an array of strings";
    }
    if (!item.get<std::string>().empty()) {
      stops.push_back(item.get<std::string>());
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<ChatTurn, std::string> ParseChatTurn(ChatApi api, const Json& body) {
  if (!body.is_object()) {
    return std::string("the request body must be a JSON object");
  }
  ChatTurn turn;
  if (!body.contains("model") || !body["model"].is_string()) {
    return std::string("'model' is required and must be a string");
  }
  turn.model = body["model"].get<std::string>();
  if (body.contains("stream") && !body["stream"].is_null()) {
    if (!body["stream"].is_boolean()) {
      return std::string("'stream' must be a boolean");
    }
    turn.stream = body["stream"].get<bool>();
  }
  if (body.contains("stream_options") && body["stream_options"].is_object()) {
    const auto& options = body["stream_options"];
    turn.include_usage = options.contains("include_usage") && options["include_usage"].is_boolean() &&
                         options["include_usage"].get<bool>();
  }
  for (const char* key : {"max_tokens", "max_completion_tokens"}) {
    if (body.contains(key) && !body[key].is_null()) {
      if (!body[key].is_number_integer() || body[key].get<std::int64_t>() < 1) {
        return std::string("'") + key + "' must be a positive integer";
      }
      turn.max_tokens = body[key].get<std::int64_t>();
    }
  }
  if (api == ChatApi::kAnthropic && !turn.max_tokens) {
    return std::string("max_tokens: Field required");
  }
  if (auto error = ReadStops(body, api == ChatApi::kOpenAi ? "stop" : "stop_sequences", turn.stops)) {
    return *error;
  }
  if (api == ChatApi::kAnthropic && body.contains("system")) {
    const auto system = ContentText(body["system"], turn.images);
    if (!system) {
      return std::string("'system' must be a string or an array of text blocks");
    }
    turn.prompt_tokens += CountWordTokens(*system);
  }
  if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty()) {
    return std::string("'messages' is required and must be a non-empty array");
  }
  bool has_user = false;
  for (std::size_t i = 0; i < body["messages"].size(); ++i) {
    const Json& message = body["messages"][i];
    if (!message.is_object() || !message.contains("role") || !message["role"].is_string()) {
      return "messages[" + std::to_string(i) + "]: 'role' is required";
    }
    const auto text = ContentText(message.value("content", Json()), turn.images);
    if (!text) {
      return "messages[" + std::to_string(i) + "]: 'content' must be a string or an array of typed parts";
    }
    turn.prompt_tokens += CountWordTokens(*text);
    if (message["role"] == "user") {
      turn.last_user_text = *text;
      has_user = true;
    }
  }
  if (!has_user) {
    return std::string("'messages' must hold at least one user message");
  }
  return turn;
}

}  // namespace etalon::simulator
