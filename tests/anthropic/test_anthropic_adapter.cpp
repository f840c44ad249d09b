// Tests for the `anthropic` kind (adapters/anthropic/anthropic_adapter_factory.cpp)
// through the registry, against the scripted loopback server.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <future>

#include "etalon/adapters/adapter_registry.hpp"
#include "support/scripted_http_server.hpp"

using etalon::testing::ScriptedHttpServer;
using etalon::testing::ScriptedReply;

namespace {

constexpr const char* kKeyVariable = "ETALON_TEST_ANTHROPIC_KEY";
constexpr const char* kKey = "sk-ant-test-secret";

std::unique_ptr<etalon::core::Adapter> Make(const nlohmann::json& options, etalon::core::Diagnostics& diagnostics) {
  etalon::config::AdapterConfig config;
  config.id = "claude";
  config.kind = "anthropic";
  config.model = "claude-test";
  config.options = options;
  config.line = 9;
  return etalon::adapters::MakeAdapter(config, {"plan.yaml", 4, 30, 1}, diagnostics);
}

std::string Event(const std::string& type, const std::string& data) {
  return "event: " + type + "\ndata: " + data + "\n\n";
}

}  // namespace

TEST_CASE("anthropic: headers, a streamed answer with usage and timings", "[anthropic][loop]") {
  ::setenv(kKeyVariable, kKey, 1);
  ScriptedReply reply;
  reply.headers = {{"Content-Type", "text/event-stream"}};
  reply.chunk_delay = std::chrono::milliseconds(10);
  reply.chunks = {
      Event("message_start", R"({"type": "message_start", "message": {"model": "claude-test-1", "usage": {"input_tokens": 7}}})"),
      Event("content_block_delta", R"({"type": "content_block_delta", "delta": {"type": "text_delta", "text": "Oui"}})"),
      Event("content_block_delta", R"({"type": "content_block_delta", "delta": {"type": "text_delta", "text": "."}})"),
      Event("message_delta", R"({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}})") +
          Event("message_stop", R"({"type": "message_stop"})"),
  };
  ScriptedHttpServer server({reply});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl() + "/v1"}, {"api_key_env", kKeyVariable}}, diagnostics);
  REQUIRE(diagnostics.empty());
  etalon::core::Request request;
  request.system_prompt = "Réponds par oui ou non.";
  request.prompt = "Le ciel est-il bleu ?";
  std::promise<etalon::core::Response> answer;
  adapter->Issue(request, [&answer](etalon::core::Response response) { answer.set_value(std::move(response)); });
  const auto response = answer.get_future().get();
  adapter->Drain();
  ::unsetenv(kKeyVariable);
  REQUIRE_FALSE(response.error);
  CHECK(response.text == "Oui.");
  CHECK(response.served_model == "claude-test-1");
  CHECK(response.usage.input_tokens == 7);
  CHECK(response.usage.output_tokens == 2);
  CHECK_FALSE(response.usage.estimated);
  REQUIRE(response.timing.ttft_ms.has_value());
  CHECK(response.timing.chunk_gaps_ms.size() == 1);
  const auto sent = server.Requests().at(0);
  CHECK(sent.head.starts_with("POST /v1/messages HTTP/1.1"));
  CHECK_THAT(sent.head, Catch::Contains(std::string("x-api-key: ") + kKey));
  CHECK_THAT(sent.head, Catch::Contains("anthropic-version: 2023-06-01"));
  const auto body = nlohmann::json::parse(sent.body);
  CHECK(body["system"] == "Réponds par oui ou non.");
  CHECK(body["max_tokens"] == 1024);
}

TEST_CASE("anthropic: unknown options and a missing key are reported with their field", "[anthropic]") {
  etalon::core::Diagnostics diagnostics;
  CHECK_FALSE(Make({{"api_key_env", "ETALON_TEST_UNSET_KEY"}, {"max_tokens", 5}}, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK_THAT(diagnostics[0].ToString(), Catch::StartsWith("plan.yaml:9: field 'adapters.claude.options.max_tokens': unknown option"));
  CHECK_THAT(diagnostics[1].ToString(), Catch::Contains("environment variable ETALON_TEST_UNSET_KEY is not set"));
}
