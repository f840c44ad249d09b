// Tests for adapters/anthropic/anthropic_protocol.cpp: request bodies and
// answer parsing as pure functions, with no network.
#include <catch2/catch.hpp>

#include "anthropic/anthropic_protocol.hpp"

using etalon::adapters::anthropic::MessagesRequestBody;
using etalon::adapters::anthropic::ReadMessage;
using etalon::adapters::anthropic::ReadMessageStream;
using etalon::adapters::http::BodyChunk;
using etalon::adapters::http::HttpResult;
using etalon::core::ErrorKind;
using TimePoint = std::chrono::steady_clock::time_point;

namespace {

TimePoint At(int ms) { return TimePoint(std::chrono::milliseconds(ms)); }

HttpResult Stream(const std::vector<std::string>& pieces) {
  HttpResult result;
  result.status = 200;
  result.headers = {{"content-type", "text/event-stream"}};
  int tick = 0;
  for (const auto& piece : pieces) {
    result.body += piece;
    result.chunks.push_back(BodyChunk{result.body.size(), At(10 * tick++)});
  }
  return result;
}

}  // namespace

TEST_CASE("Anthropic body: top-level system, max_tokens always, no seed", "[anthropic]") {
  etalon::core::Request request;
  request.prompt = "Bonjour";
  auto body = MessagesRequestBody(request, "claude-x", false, 1024);
  CHECK(body == nlohmann::json::parse(
                    R"({"model": "claude-x", "max_tokens": 1024, "messages": [{"role": "user", "content": "Bonjour"}]})"));
  request.system_prompt = "Réponds en français.";
  request.generation.max_tokens = 50;
  request.generation.temperature = 0.2;
  request.generation.seed = 3;
  request.generation.stop = {"FIN"};
  body = MessagesRequestBody(request, "claude-x", true, 1024);
  CHECK(body["system"] == "Réponds en français.");
  CHECK(body["max_tokens"] == 50);
  CHECK(body["temperature"] == 0.2);
  CHECK(body["stop_sequences"] == nlohmann::json::array({"FIN"}));
  CHECK(body["stream"] == true);
  CHECK_FALSE(body.contains("seed"));
}

TEST_CASE("Anthropic non-streamed message: text blocks, usage, model", "[anthropic]") {
  const auto answer = ReadMessage(R"({"type": "message", "model": "claude-x-1", "role": "assistant",
      "content": [{"type": "text", "text": "Bon"}, {"type": "text", "text": "jour"}],
      "stop_reason": "end_turn", "usage": {"input_tokens": 9, "output_tokens": 2}})");
  REQUIRE_FALSE(answer.error);
  CHECK(answer.text == "Bonjour");
  CHECK(answer.served_model == "claude-x-1");
  CHECK(answer.usage.input_tokens == 9);
  CHECK(answer.usage.output_tokens == 2);
}

TEST_CASE("Anthropic error bodies and malformed messages become recorded errors", "[anthropic]") {
  const auto error = ReadMessage(R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})");
  REQUIRE(error.error.has_value());
  CHECK_THAT(error.error->message, Catch::Contains("overloaded_error") && Catch::Contains("Overloaded"));
  for (const char* body : {"", "{", "{\"type\": \"message\"}", "{\"content\": 4}"}) {
    REQUIRE(ReadMessage(body).error.has_value());
    CHECK(ReadMessage(body).error->kind == ErrorKind::kInvalidResponse);
  }
}

TEST_CASE("Anthropic stream: model and input tokens at start, deltas stamped, output tokens at the end",
          "[anthropic]") {
  const auto answer = ReadMessageStream(Stream({
      "event: message_start\ndata: {\"type\": \"message_start\", \"message\": {\"model\": \"claude-x-1\", "
      "\"usage\": {\"input_tokens\": 11, \"output_tokens\": 1}}}\n\n",
      "event: content_block_start\ndata: {\"type\": \"content_block_start\", \"index\": 0, "
      "\"content_block\": {\"type\": \"text\", \"text\": \"\"}}\n\nevent: ping\ndata: {\"type\": \"ping\"}\n\n",
      "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, "
      "\"delta\": {\"type\": \"text_delta\", \"text\": \"Bon\"}}\n\n",
      "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, "
      "\"delta\": {\"type\": \"text_delta\", \"text\": \"jour\"}}\n\n",
      "event: message_delta\ndata: {\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"end_turn\"}, "
      "\"usage\": {\"output_tokens\": 4}}\n\nevent: message_stop\ndata: {\"type\": \"message_stop\"}\n\n",
  }));
  REQUIRE_FALSE(answer.error);
  CHECK(answer.text == "Bonjour");
  CHECK(answer.served_model == "claude-x-1");
  CHECK(answer.usage.input_tokens == 11);
  CHECK(answer.usage.output_tokens == 4);
  CHECK(answer.content_times == std::vector<TimePoint>{At(20), At(30)});
}

TEST_CASE("Anthropic stream: an error event or a missing message_stop is recorded", "[anthropic]") {
  const auto failed = ReadMessageStream(Stream({"event: error\ndata: {\"type\": \"error\", \"error\": "
                                                "{\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n"}));
  REQUIRE(failed.error.has_value());
  CHECK_THAT(failed.error->message, Catch::Contains("Overloaded"));
  const auto cut = ReadMessageStream(Stream({"event: content_block_delta\ndata: {\"type\": \"content_block_delta\", "
                                             "\"delta\": {\"type\": \"text_delta\", \"text\": \"a\"}}\n\n"}));
  REQUIRE(cut.error.has_value());
  CHECK_THAT(cut.error->message, Catch::Contains("message_stop"));
}
