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
  auto body = ChatRequestBody(request, "m", false, "");
  CHECK(body == nlohmann::json::parse(R"({"model": "m", "messages": [{"role": "user", "content": "Résume ce texte."}]})"));

  request.system_prompt = "Tu es un agent de mairie.";
  request.generation.temperature = 0.0;
  request.generation.top_p = 0.9;
  request.generation.max_tokens = 200;
  request.generation.seed = 7;
  request.generation.stop = {"\n\n"};
  body = ChatRequestBody(request, "m", true, "");
  CHECK(body["messages"][0] == nlohmann::json({{"role", "system"}, {"content", "Tu es un agent de mairie."}}));
  CHECK(body["temperature"] == 0.0);
  CHECK(body["top_p"] == 0.9);
  CHECK(body["max_tokens"] == 200);
  CHECK(body["seed"] == 7);
  CHECK(body["stop"] == nlohmann::json::array({"\n\n"}));
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"]["include_usage"] == true);
}

TEST_CASE("OpenAI chat body sends an image as a data URL part beside the text", "[openai]") {
  etalon::core::Request request;
  request.prompt = "Recopie le texte.";
  const auto body = ChatRequestBody(request, "vision", false, "data:image/png;base64,AAAA");
  const auto& content = body["messages"][0]["content"];
  REQUIRE(content.is_array());
  CHECK(content[0] == nlohmann::json({{"type", "text"}, {"text", "Recopie le texte."}}));
  CHECK(content[1]["image_url"]["url"] == "data:image/png;base64,AAAA");
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
