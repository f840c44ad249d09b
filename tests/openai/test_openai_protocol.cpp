// Tests for adapters/openai/openai_protocol.cpp: request bodies and answer
// parsing as pure functions, with no network.
#include <catch2/catch.hpp>

#include "openai/openai_protocol.hpp"

using etalon::adapters::http::BodyChunk;
using etalon::adapters::http::HttpResult;
using etalon::adapters::openai::ChatRequestBody;
using etalon::adapters::openai::ReadChatCompletion;
using etalon::adapters::openai::ReadChatStream;
using etalon::adapters::openai::ReadTranscription;
using etalon::core::ErrorKind;
using TimePoint = std::chrono::steady_clock::time_point;

namespace {

TimePoint At(int ms) { return TimePoint(std::chrono::milliseconds(ms)); }

// A streamed body whose i-th piece arrived at 10 * i ms.
HttpResult Stream(const std::vector<std::string>& pieces) {
  HttpResult result;
  result.status = 200;
  result.headers = {{"content-type", "text/event-stream; charset=utf-8"}};
  int tick = 0;
  for (const auto& piece : pieces) {
    result.body += piece;
    result.chunks.push_back(BodyChunk{result.body.size(), At(10 * tick++)});
  }
  return result;
}

}  // namespace

TEST_CASE("OpenAI chat body carries the system prompt and only the settings the suite sets", "[openai]") {
  etalon::core::Request request;
  request.prompt = "Résume ce texte.";
  auto body = nlohmann::json::parse(ChatRequestBody(request, "m", false, ""));
  CHECK(body == nlohmann::json::parse(R"({"model": "m", "messages": [{"role": "user", "content": "Résume ce texte."}]})"));

  request.system_prompt = "Tu es un agent de mairie.";
  request.generation.temperature = 0.0;
  request.generation.top_p = 0.9;
  request.generation.max_tokens = 200;
  request.generation.seed = 7;
  request.generation.stop = {"\n\n"};
  body = nlohmann::json::parse(ChatRequestBody(request, "m", true, ""));
  CHECK(body["messages"][0] == nlohmann::json({{"role", "system"}, {"content", "Tu es un agent de mairie."}}));
  CHECK(body["temperature"] == 0.0);
  CHECK(body["top_p"] == 0.9);
  CHECK(body["max_tokens"] == 200);
  CHECK(body["seed"] == 7);
  CHECK(body["stop"] == nlohmann::json::array({"\n\n"}));
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"]["include_usage"] == true);
}

TEST_CASE("OpenAI chat body is written as nlohmann would dump the same values, byte for byte", "[openai]") {
  etalon::core::Request request;
  request.system_prompt = "Réponds \"OUI\" ou \"NON\".\n";
  request.prompt = "L'usager\tdemande : \u00e9t\u00e9 \x01 ?";
  request.generation.temperature = 0.7;
  request.generation.top_p = 1.0;
  request.generation.max_tokens = 64;
  request.generation.seed = -3;
  request.generation.stop = {"\n", "FIN"};
  for (const bool stream : {false, true}) {
    for (const std::string image : {"", "data:image/png;base64,AAAA"}) {
      nlohmann::json content = request.prompt;
      if (!image.empty()) {
        content = {{{"type", "text"}, {"text", request.prompt}}, {{"type", "image_url"}, {"image_url", {{"url", image}}}}};
      }
      nlohmann::json expected = {
          {"model", "m"},
          {"messages",
           {{{"role", "system"}, {"content", request.system_prompt}}, {{"role", "user"}, {"content", content}}}},
          {"temperature", 0.7}, {"top_p", 1.0}, {"max_tokens", 64}, {"seed", -3}, {"stop", {"\n", "FIN"}}};
      if (stream) {
        expected["stream"] = true;
        expected["stream_options"] = {{"include_usage", true}};
      }
      CHECK(ChatRequestBody(request, "m", stream, image) == expected.dump());
    }
  }
  request.system_prompt.clear();
  request.generation = {};
  CHECK(ChatRequestBody(request, "m", false, "") ==
        nlohmann::json({{"model", "m"}, {"messages", {{{"role", "user"}, {"content", request.prompt}}}}}).dump());
}

TEST_CASE("OpenAI chat body sends an image as a data URL part beside the text", "[openai]") {
  etalon::core::Request request;
  request.prompt = "Recopie le texte.";
  const auto body = nlohmann::json::parse(ChatRequestBody(request, "vision", false, "data:image/png;base64,AAAA"));
  const auto& content = body["messages"][0]["content"];
  REQUIRE(content.is_array());
  CHECK(content[0] == nlohmann::json({{"type", "text"}, {"text", "Recopie le texte."}}));
  CHECK(content[1]["image_url"]["url"] == "data:image/png;base64,AAAA");
}

// What a reading gives, as one comparable string.
std::string Described(const etalon::adapters::http::VendorAnswer& answer) {
  return answer.text + "|" + answer.served_model + "|" + answer.system_fingerprint + "|" +
         std::to_string(answer.usage.input_tokens.value_or(-1)) + "|" +
         std::to_string(answer.usage.output_tokens.value_or(-1)) + "|" +
         (answer.error ? answer.error->message : std::string("no error"));
}

TEST_CASE("OpenAI completion: the quick reading of usual bodies agrees with the full one on every one-byte change",
          "[openai]") {
  // An escaped key, which the quick reading never vouches for, sends a body
  // the full way; the key itself is read by neither.
  const auto full_way = [](const std::string& body) { return "{\"\\u0078\":0," + body.substr(1); };
  const std::string usual =
      R"({"id":"c1","model":"m-2026","system_fingerprint":"fp","choices":[{"index":0,"message":)"
      R"({"role":"assistant","content":"Oui, \"é\"\n"},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":12,"completion_tokens":3},"error":null})";
  std::size_t compared = 0;
  for (std::size_t at = 1; at < usual.size(); ++at) {
    for (const char replacement : std::string("\"0x}],: \\n\xc3")) {
      auto changed = usual;
      changed[at] = replacement;
      INFO(changed);
      CHECK(Described(ReadChatCompletion(changed)) == Described(ReadChatCompletion(full_way(changed))));
      ++compared;
    }
  }
  CHECK(compared > 2000);
  for (const std::string body : {
           R"({"choices":[{"message":{"content":null}}],"model":1,"usage":[]})",
           R"({"choices":[{"message":{"content":"a"}},{"message":{"content":"b"}}],"model":"x","model":"y"})",
           R"({"choices":[{"message":{"content":"a","content":"b"}}],"error":null,"error":{"message":"non"}})",
           R"({"choices":[],"model":"x"})", R"({"choices":[1]})", R"({"choices":[{"message":[]}]})",
           R"({"choices":[{"message":{"content":["a"]}}]})", R"({"choices":{}})"}) {
    INFO(body);
    CHECK(Described(ReadChatCompletion(body)) == Described(ReadChatCompletion(full_way(body))));
  }
}

TEST_CASE("OpenAI non-streamed completion: text, usage, served model, fingerprint", "[openai]") {
  const auto answer = ReadChatCompletion(R"({"id": "c1", "model": "gpt-x-2026", "system_fingerprint": "fp_1",
      "choices": [{"index": 0, "message": {"role": "assistant", "content": "Bonjour."}, "finish_reason": "stop"}],
      "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}})");
  REQUIRE_FALSE(answer.error);
  CHECK(answer.text == "Bonjour.");
  CHECK(answer.served_model == "gpt-x-2026");
  CHECK(answer.system_fingerprint == "fp_1");
  CHECK(answer.usage.input_tokens == 12);
  CHECK(answer.usage.output_tokens == 3);
  CHECK_FALSE(answer.usage.estimated);
}

TEST_CASE("OpenAI malformed or incomplete bodies become recorded errors", "[openai]") {
  for (const char* body : {"", "not json", "[1, 2]", "{\"choices\": []}", "{\"choices\": [{\"message\": 3}]}",
                           "{\"choices\": [{\"message\": {\"content\": 5}}]}",
                           "{\"error\": {\"message\": \"model overloaded\", \"type\": \"server_error\"}}"}) {
    const auto answer = ReadChatCompletion(body);
    REQUIRE(answer.error.has_value());
    CHECK(answer.error->kind == ErrorKind::kInvalidResponse);
  }
  CHECK_THAT(ReadChatCompletion(R"({"error": {"message": "model overloaded"}})").error->message,
             Catch::Contains("model overloaded"));
}

TEST_CASE("OpenAI stream: content deltas stamped at their first byte, usage from the last chunk", "[openai]") {
  const auto result = Stream({
      "data: {\"model\": \"m-1\", \"system_fingerprint\": \"fp_9\", \"choices\": [{\"delta\": {\"role\": \"assistant\"}}]}\n\n",
      "data: {\"choices\": [{\"delta\": {\"content\": \"Bon\"}}]}\n\ndata: {\"choices\": [{\"delta\": {\"con",
      "tent\": \"jour\"}}]}\n\n",
      "data: {\"choices\": [{\"delta\": {\"content\": \"\"}, \"finish_reason\": \"stop\"}]}\n\n",
      "data: {\"choices\": [], \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2}}\n\n",
      "data: [DONE]\n\n",
  });
  const auto answer = ReadChatStream(result);
  REQUIRE_FALSE(answer.error);
  CHECK(answer.text == "Bonjour");
  CHECK(answer.served_model == "m-1");
  CHECK(answer.system_fingerprint == "fp_9");
  CHECK(answer.usage.input_tokens == 5);
  CHECK(answer.usage.output_tokens == 2);
  // "Bon" begins in piece 1 (10 ms); "jour" begins in piece 1 too, though it ends in piece 2.
  CHECK(answer.content_times == std::vector<TimePoint>{At(10), At(10)});
}

TEST_CASE("OpenAI stream without usage leaves usage unset, an error event is recorded", "[openai]") {
  const auto no_usage = ReadChatStream(Stream({"data: {\"choices\": [{\"delta\": {\"content\": \"a\"}}]}\n\n",
                                               "data: [DONE]\n\n"}));
  REQUIRE_FALSE(no_usage.error);
  CHECK_FALSE(no_usage.usage.output_tokens.has_value());

  const auto failed = ReadChatStream(Stream({"data: {\"error\": {\"message\": \"context too long\"}}\n\n"}));
  REQUIRE(failed.error.has_value());
  CHECK_THAT(failed.error->message, Catch::Contains("context too long"));

  CHECK(ReadChatStream(Stream({"data: {oops\n\n"})).error->kind == ErrorKind::kInvalidResponse);
  CHECK(ReadChatStream(Stream({""})).error->kind == ErrorKind::kInvalidResponse);
}

TEST_CASE("OpenAI transcription body gives the text", "[openai]") {
  CHECK(ReadTranscription(R"({"text": "Bonjour madame."})").text == "Bonjour madame.");
  CHECK(ReadTranscription(R"({"words": []})").error->kind == ErrorKind::kInvalidResponse);
}
