#include "openai/openai_protocol.hpp"

#include <optional>

#include <fmt/format.h>

#include "etalon/core/json_text.hpp"
#include "etalon/core/json_writer.hpp"
#include "http/media_file.hpp"

namespace etalon::adapters::openai {

namespace {

core::Error Invalid(std::string message) {
  return core::Error{core::ErrorKind::kInvalidResponse, 0, std::move(message)};
}

// The string at `key`, or empty (absent or null).
std::string Text(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The token counts of a `usage` object; anything else reads as none.
void ReadUsageObject(const nlohmann::json& found, core::Usage& usage) {
  if (!found.is_object()) {
    return;
  }
  if (const auto prompt = found.find("prompt_tokens"); prompt != found.end() && prompt->is_number_integer()) {
    usage.input_tokens = prompt->get<std::int64_t>();
  }
  if (const auto completion = found.find("completion_tokens");
      completion != found.end() && completion->is_number_integer()) {
    usage.output_tokens = completion->get<std::int64_t>();
  }
}

void ReadUsage(const nlohmann::json& object, core::Usage& usage) {
  if (const auto found = object.find("usage"); found != object.end()) {
    ReadUsageObject(*found, usage);
  }
}

void ReadIdentity(const nlohmann::json& object, http::VendorAnswer& answer) {
  if (auto model = Text(object, "model"); !model.empty()) {
    answer.served_model = std::move(model);
  }
  if (auto fingerprint = Text(object, "system_fingerprint"); !fingerprint.empty()) {
    answer.system_fingerprint = std::move(fingerprint);
  }
}

// The vendor's error object inside a 200 body or a stream event, if any.
std::optional<core::Error> EmbeddedError(const nlohmann::json& object) {
  const auto error = object.find("error");
  if (error == object.end() || error->is_null()) {
    return std::nullopt;
  }
  return Invalid(fmt::format("the provider reported an error: {}", http::ErrorBodyMessage(object.dump())));
}

bool IsEventStream(const http::HttpResult& result) {
  return result.Header("content-type").starts_with("text/event-stream");
}

}  // namespace

std::string ChatRequestBody(const core::Request& request, const std::string& model, bool stream,
                            const std::string& image_data_url) {
  // Keys in sorted order, as the nlohmann::json tree this body used to be
  // built as wrote them: the same bytes, without building the tree.
  core::JsonWriter body(256 + request.system_prompt.size() + request.prompt.size() + image_data_url.size());
  const auto& generation = request.generation;
  body.BeginObject();
  if (generation.max_tokens) {
    body.Key("max_tokens").Integer(*generation.max_tokens);
  }
  body.Key("messages").BeginArray();
  if (!request.system_prompt.empty()) {
    body.BeginObject().Key("content").String(request.system_prompt).Key("role").String("system").EndObject();
  }
  body.BeginObject().Key("content");
  if (image_data_url.empty()) {
    body.String(request.prompt);
  } else {
    body.BeginArray();
    body.BeginObject().Key("text").String(request.prompt).Key("type").String("text").EndObject();
    body.BeginObject().Key("image_url").BeginObject().Key("url").String(image_data_url).EndObject();
    body.Key("type").String("image_url").EndObject();
    body.EndArray();
  }
  body.Key("role").String("user").EndObject();
  body.EndArray();
  body.Key("model").String(model);
  if (generation.seed) {
    body.Key("seed").Integer(*generation.seed);
  }
  if (!generation.stop.empty()) {
    body.Key("stop").BeginArray();
    for (const auto& stop : generation.stop) {
      body.String(stop);
    }
    body.EndArray();
  }
  if (stream) {
    body.Key("stream").Bool(true);
    body.Key("stream_options").BeginObject().Key("include_usage").Bool(true).EndObject();
  }
  if (generation.temperature) {
    body.Key("temperature").Number(*generation.temperature);
  }
  if (generation.top_p) {
    body.Key("top_p").Number(*generation.top_p);
  }
  body.EndObject();
  return body.Take();
}

namespace {

// A completion or a stream chunk: parsed, with its error, served model and
// usage read into `answer`; std::nullopt once `answer.error` is set.
std::optional<nlohmann::json> ReadEnvelope(const std::string& text, const char* what, http::VendorAnswer& answer) {
  auto json = core::ParseJsonOrDiscarded(text);
  if (!json.is_object()) {
    answer.error = Invalid(std::string(what) + " is not a JSON object");
    return std::nullopt;
  }
  if ((answer.error = EmbeddedError(json))) {
    return std::nullopt;
  }
  ReadIdentity(json, answer);
  ReadUsage(json, answer.usage);
  return json;
}

// The first of `choices`, or null when there is none.
const nlohmann::json* FirstChoice(const nlohmann::json& json) {
  const auto choices = json.find("choices");
  if (choices == json.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
    return nullptr;
  }
  return &(*choices)[0];
}

// A string value's text, or empty when it is not a string.
std::string StringValue(const core::ValidatedJson& value) {
  return value.IsString() ? value.Build().get<std::string>() : std::string();
}

// The usual completion read from its text, building only the values kept
// (building the whole body was most of the cost of reading an answer).
// std::nullopt for anything else (an embedded error, no text content, text
// the scanner does not vouch for): the full reading gives its answer.
std::optional<http::VendorAnswer> ReadUsualChatCompletion(const std::string& body) {
  std::optional<core::ValidatedJson> model, fingerprint, usage, choices;
  bool has_error = false;
  const bool scanned = core::ScanObjectFields(body, [&](std::string_view key, const core::ValidatedJson& value) {
    if (key == "choices") {
      choices = value;
    } else if (key == "usage") {
      usage = value;
    } else if (key == "model") {
      model = value;
    } else if (key == "system_fingerprint") {
      fingerprint = value;
    } else if (key == "error") {
      has_error = value.text() != "null";
    }
  });
  if (!scanned || has_error || !choices || !choices->IsArray()) {
    return std::nullopt;
  }
  // The nested values were checked with the body: read in place, not scanned again.
  std::optional<core::ValidatedJson> first_choice, message, content;
  choices->ForEachElement([&](const core::ValidatedJson& element) {
    if (!first_choice) {
      first_choice = element;
    }
  });
  if (!first_choice ||
      !first_choice->ForEachMember([&](std::string_view key, const core::ValidatedJson& value) {
        if (key == "message") {
          message = value;
        }
      })) {
    return std::nullopt;
  }
  if (!message || !message->ForEachMember([&](std::string_view key, const core::ValidatedJson& value) {
        if (key == "content") {
          content = value;
        }
      })) {
    return std::nullopt;
  }
  if (!content || !(content->IsString() || content->text() == "null")) {
    return std::nullopt;
  }
  http::VendorAnswer answer;
  answer.text = StringValue(*content);
  if (model) {
    if (auto served = StringValue(*model); !served.empty()) {
      answer.served_model = std::move(served);
    }
  }
  if (fingerprint) {
    if (auto value = StringValue(*fingerprint); !value.empty()) {
      answer.system_fingerprint = std::move(value);
    }
  }
  if (usage && usage->IsObject()) {
    ReadUsageObject(usage->Build(), answer.usage);
  }
  return answer;
}

}  // namespace

http::VendorAnswer ReadChatCompletion(const std::string& body) {
  if (auto usual = ReadUsualChatCompletion(body)) {
    return std::move(*usual);
  }
  http::VendorAnswer answer;
  const auto json = ReadEnvelope(body, "the chat completion", answer);
  if (!json) {
    return answer;
  }
  const auto* choice = FirstChoice(*json);
  if (choice == nullptr) {
    answer.error = Invalid("the chat completion has no choices");
    return answer;
  }
  const auto message = choice->find("message");
  if (message == choice->end() || !message->is_object()) {
    answer.error = Invalid("the chat completion's first choice has no message");
    return answer;
  }
  const auto content = message->find("content");
  if (content == message->end() || !(content->is_string() || content->is_null())) {
    answer.error = Invalid("the chat completion's message has no text content");
    return answer;
  }
  answer.text = content->is_string() ? content->get<std::string>() : std::string();
  return answer;
}

http::VendorAnswer ReadChatStream(const http::HttpResult& result) {
  http::VendorAnswer answer;
  const auto events = http::StreamEvents(result);
  if (events.empty()) {
    answer.error = Invalid("the stream ended without any event");
    return answer;
  }
  for (const auto& event : events) {
    if (event.data == "[DONE]") {
      break;
    }
    const auto json = ReadEnvelope(event.data, "a stream event", answer);
    if (!json) {
      return answer;
    }
    const auto* choice = FirstChoice(*json);
    if (choice == nullptr) {
      continue;  // the final usage chunk has no choices
    }
    const auto delta = choice->find("delta");
    if (delta == choice->end() || !delta->is_object()) {
      continue;
    }
    const auto content = Text(*delta, "content");
    if (!content.empty()) {
      answer.text += content;
      answer.content_times.push_back(event.first_byte_at);
    }
  }
  return answer;
}

http::VendorAnswer ReadTranscription(const std::string& body) {
  http::VendorAnswer answer;
  const auto json = core::ParseJsonOrDiscarded(body);
  if (!json.is_object() || !json.contains("text") || !json["text"].is_string()) {
    answer.error = Invalid("the transcription has no text");
    return answer;
  }
  answer.text = json["text"].get<std::string>();
  if (auto model = Text(json, "model"); !model.empty()) {
    answer.served_model = std::move(model);
  }
  return answer;
}

std::variant<http::HttpRequest, core::Error> OpenAiProtocol::BuildRequest(const core::Request& request) const {
  http::HttpRequest http_request;
  http_request.headers = settings_.headers;
  if (settings_.endpoint == Endpoint::kTranscription) {
    auto path = http::MediaPath(request, settings_.audio_field);
    if (auto* error = std::get_if<core::Error>(&path)) {
      return std::move(*error);
    }
    http_request.url = settings_.base_url + "/audio/transcriptions";
    http_request.form = {{"model", settings_.model, "", ""},
                         {"response_format", "json", "", ""},
                         {"file", "", std::get<std::string>(path), ""}};
    return http_request;
  }
  std::string image;
  if (!settings_.image_field.empty()) {
    auto path = http::MediaPath(request, settings_.image_field);
    if (auto* error = std::get_if<core::Error>(&path)) {
      return std::move(*error);
    }
    auto url = http::ImageDataUrl(std::get<std::string>(path));
    if (auto* error = std::get_if<core::Error>(&url)) {
      return std::move(*error);
    }
    image = std::move(std::get<std::string>(url));
  }
  http_request.url = settings_.base_url + "/chat/completions";
  http_request.headers.push_back("Content-Type: application/json");
  http_request.body = ChatRequestBody(request, settings_.model, settings_.stream, image);
  return http_request;
}

http::VendorAnswer OpenAiProtocol::ReadAnswer(const http::HttpResult& result) const {
  if (settings_.endpoint == Endpoint::kTranscription) {
    return ReadTranscription(result.body);
  }
  // A server may ignore `stream` and answer one JSON body: read what came.
  return IsEventStream(result) ? ReadChatStream(result) : ReadChatCompletion(result.body);
}

}  // namespace etalon::adapters::openai
