#include "anthropic/anthropic_protocol.hpp"

#include <fmt/format.h>

#include "etalon/core/json_text.hpp"

namespace etalon::adapters::anthropic {

namespace {

core::Error Invalid(std::string message) {
  return core::Error{core::ErrorKind::kInvalidResponse, 0, std::move(message)};
}

std::string Text(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const nlohmann::json* Object(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_object() ? &*found : nullptr;
}

void ReadUsage(const nlohmann::json& object, core::Usage& usage) {
  const auto* found = Object(object, "usage");
  if (found == nullptr) {
    return;
  }
  if (const auto input = found->find("input_tokens"); input != found->end() && input->is_number_integer()) {
    usage.input_tokens = input->get<std::int64_t>();
  }
  if (const auto output = found->find("output_tokens"); output != found->end() && output->is_number_integer()) {
    usage.output_tokens = output->get<std::int64_t>();
  }
}

// `{"type": "error", "error": {"type", "message"}}`, as a body or a stream event.
std::optional<core::Error> ErrorObject(const nlohmann::json& object) {
  if (Text(object, "type") != "error") {
    return std::nullopt;
  }
  const auto* error = Object(object, "error");
  if (error == nullptr) {
    return Invalid("the provider reported an error");
  }
  return Invalid(fmt::format("the provider reported an error: {}: {}", Text(*error, "type"), Text(*error, "message")));
}

}  // namespace

nlohmann::json MessagesRequestBody(const core::Request& request, const std::string& model, bool stream,
                                   int default_max_tokens) {
  const auto& generation = request.generation;
  nlohmann::json body = {{"model", model},
                         {"max_tokens", generation.max_tokens.value_or(default_max_tokens)},
                         {"messages", {{{"role", "user"}, {"content", request.prompt}}}}};
  if (!request.system_prompt.empty()) {
    body["system"] = request.system_prompt;
  }
  if (generation.temperature) {
    body["temperature"] = *generation.temperature;
  }
  if (generation.top_p) {
    body["top_p"] = *generation.top_p;
  }
  if (!generation.stop.empty()) {
    body["stop_sequences"] = generation.stop;
  }
  if (stream) {
    body["stream"] = true;
  }
  return body;
}

http::VendorAnswer ReadMessage(const std::string& body) {
  http::VendorAnswer answer;
  const auto json = core::ParseJsonOrDiscarded(body);
  if (!json.is_object()) {
    answer.error = Invalid("the message is not a JSON object");
    return answer;
  }
  if ((answer.error = ErrorObject(json))) {
    return answer;
  }
  answer.served_model = Text(json, "model");
  ReadUsage(json, answer.usage);
  const auto content = json.find("content");
  if (content == json.end() || !content->is_array()) {
    answer.error = Invalid("the message has no content array");
    return answer;
  }
  for (const auto& block : *content) {
    if (block.is_object() && Text(block, "type") == "text") {
      answer.text += Text(block, "text");
    }
  }
  return answer;
}

http::VendorAnswer ReadMessageStream(const http::HttpResult& result) {
  http::VendorAnswer answer;
  const auto events = http::StreamEvents(result);
  bool stopped = false;
  for (const auto& event : events) {
    const auto json = core::ParseJsonOrDiscarded(event.data);
    if (!json.is_object()) {
      answer.error = Invalid(fmt::format("the '{}' stream event is not a JSON object", event.type));
      return answer;
    }
    if ((answer.error = ErrorObject(json))) {
      return answer;
    }
    const auto type = Text(json, "type");
    if (type == "message_start") {
      if (const auto* message = Object(json, "message")) {
        answer.served_model = Text(*message, "model");
        ReadUsage(*message, answer.usage);
      }
    } else if (type == "content_block_delta") {
      const auto* delta = Object(json, "delta");
      if (delta != nullptr && Text(*delta, "type") == "text_delta") {
        const auto text = Text(*delta, "text");
        if (!text.empty()) {
          answer.text += text;
          answer.content_times.push_back(event.first_byte_at);
        }
      }
    } else if (type == "message_delta") {
      // Its usage carries the final output count (and input, when given again).
      ReadUsage(json, answer.usage);
    } else if (type == "message_stop") {
      stopped = true;
    }
  }
  if (!stopped) {
    answer.error = Invalid("the stream ended before message_stop");
  }
  return answer;
}

std::variant<http::HttpRequest, core::Error> AnthropicProtocol::BuildRequest(const core::Request& request) const {
  http::HttpRequest http_request;
  http_request.url = settings_.base_url + "/messages";
  http_request.headers = settings_.headers;
  http_request.headers.push_back("Content-Type: application/json");
  http_request.body = MessagesRequestBody(request, settings_.model, settings_.stream, settings_.default_max_tokens).dump();
  return http_request;
}

http::VendorAnswer AnthropicProtocol::ReadAnswer(const http::HttpResult& result) const {
  return result.Header("content-type").starts_with("text/event-stream") ? ReadMessageStream(result)
                                                                         : ReadMessage(result.body);
}

}  // namespace etalon::adapters::anthropic
