// The simulator's endpoints over real loopback sockets, in the vendors' wire formats.
#include <catch2/catch.hpp>

#include <cmath>

#include <nlohmann/json.hpp>

#include "etalon/core/sha256.hpp"
#include "simulator/http_client.hpp"
#include "simulator/running_simulator.hpp"

using etalon::testing::Get;
using etalon::testing::HttpCall;
using etalon::testing::PostJson;
using etalon::testing::RunningSimulator;
using etalon::testing::Send;
using Json = nlohmann::json;

namespace {

std::string ChatBody(const std::string& text, const Json& extra = Json::object()) {
  Json body = {{"model", "gpt-test"},
               {"messages", Json::array({{{"role", "system"}, {"content", "Tu es un assistant."}},
                                         {{"role", "user"}, {"content", text}}})}};
  body.update(extra);
  return body.dump();
}

std::string MessagesBody(const std::string& text, const Json& extra = Json::object()) {
  Json body = {{"model", "claude-test"},
               {"max_tokens", 100},
               {"messages", Json::array({{{"role", "user"}, {"content", text}}})}};
  body.update(extra);
  return body.dump();
}

}  // namespace

TEST_CASE("Simulator answers a chat completion in OpenAI's shape, echoing the last user message",
          "[simulator]") {
  RunningSimulator simulator;
  const auto reply = Send(simulator.port(), PostJson("/v1/chat/completions", ChatBody("Bonjour le monde !")));
  REQUIRE(reply.status == 200);
  CHECK(reply.headers.at("content-type") == "application/json");
  const auto body = Json::parse(reply.body);
  CHECK(body["id"] == "chatcmpl-sim-1");
  CHECK(body["object"] == "chat.completion");
  CHECK(body["created"].is_number_integer());
  CHECK(body["model"] == "etalon-simulated");
  CHECK(body["system_fingerprint"] == "fp_sim_primary");
  REQUIRE(body["choices"].size() == 1);
  CHECK(body["choices"][0]["index"] == 0);
  CHECK(body["choices"][0]["message"]["role"] == "assistant");
  CHECK(body["choices"][0]["message"]["content"] == "Bonjour le monde !");
  CHECK(body["choices"][0]["finish_reason"] == "stop");
  // "Tu es un assistant." is 5 tokens, "Bonjour le monde !" 4.
  CHECK(body["usage"] == Json{{"prompt_tokens", 9}, {"completion_tokens", 4}, {"total_tokens", 13}});
}

TEST_CASE("Simulator streams chat completion chunks: role, one chunk a token, finish, usage, [DONE]",
          "[simulator]") {
  RunningSimulator simulator;
  const auto reply = Send(simulator.port(), PostJson("/v1/chat/completions",
                                                     ChatBody("Un deux trois.", {{"stream", true},
                                                                                 {"stream_options",
                                                                                  {{"include_usage", true}}}})));
  REQUIRE(reply.complete);
  CHECK(reply.headers.at("content-type") == "text/event-stream");
  CHECK(reply.headers.at("transfer-encoding") == "chunked");
  const auto events = reply.Events();
  REQUIRE(events.size() == 8);  // role, 4 tokens, finish, usage, [DONE]
  CHECK(events.back().data == "[DONE]");
  std::vector<Json> chunks;
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    chunks.push_back(Json::parse(events[i].data));
    CHECK(chunks.back()["object"] == "chat.completion.chunk");
    CHECK(chunks.back()["id"] == chunks.front()["id"]);
  }
  CHECK(chunks[0]["choices"][0]["delta"] == Json{{"role", "assistant"}, {"content", ""}});
  std::string text;
  for (std::size_t i = 1; i <= 4; ++i) {
    CHECK(chunks[i]["choices"][0]["finish_reason"].is_null());
    CHECK(chunks[i]["usage"].is_null());
    text += chunks[i]["choices"][0]["delta"]["content"].get<std::string>();
  }
  CHECK(text == "Un deux trois.");
  CHECK(chunks[5]["choices"][0]["delta"] == Json::object());
  CHECK(chunks[5]["choices"][0]["finish_reason"] == "stop");
  CHECK(chunks[6]["choices"] == Json::array());
  CHECK(chunks[6]["usage"] == Json{{"prompt_tokens", 9}, {"completion_tokens", 4}, {"total_tokens", 13}});

  SECTION("without include_usage there is no usage chunk and no usage key") {
    const auto plain = Send(simulator.port(),
                            PostJson("/v1/chat/completions", ChatBody("Un deux trois.", {{"stream", true}})));
    const auto plain_events = plain.Events();
    REQUIRE(plain_events.size() == 7);
    CHECK_FALSE(Json::parse(plain_events[5].data).contains("usage"));
    CHECK(Json::parse(plain_events[5].data)["choices"][0]["finish_reason"] == "stop");
  }
}

TEST_CASE("Simulator truncates at max_tokens and cuts at stop sequences", "[simulator]") {
  RunningSimulator simulator;
  const auto truncated = Json::parse(
      Send(simulator.port(), PostJson("/v1/chat/completions", ChatBody("un deux trois quatre", {{"max_tokens", 2}})))
          .body);
  CHECK(truncated["choices"][0]["message"]["content"] == "un deux");
  CHECK(truncated["choices"][0]["finish_reason"] == "length");
  CHECK(truncated["usage"]["completion_tokens"] == 2);

  const auto stopped = Json::parse(
      Send(simulator.port(),
           PostJson("/v1/chat/completions", ChatBody("un deux STOP trois", {{"stop", Json::array({"STOP", "absent"})}})))
          .body);
  CHECK(stopped["choices"][0]["message"]["content"] == "un deux ");
  CHECK(stopped["choices"][0]["finish_reason"] == "stop");
}

TEST_CASE("Simulator accepts image parts given as data URLs", "[simulator]") {
  RunningSimulator simulator;
  const Json content = Json::array(
      {{{"type", "text"}, {"text", "Que montre l'image ?"}},
       {{"type", "image_url"}, {"image_url", {{"url", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="}}}}});
  const Json body = {{"model", "gpt-test"}, {"messages", Json::array({{{"role", "user"}, {"content", content}}})}};
  const auto reply = Send(simulator.port(), PostJson("/v1/chat/completions", body.dump()));
  REQUIRE(reply.status == 200);
  CHECK(Json::parse(reply.body)["choices"][0]["message"]["content"] == "Que montre l'image ?");
  CHECK(simulator.WaitForLog(1).at(0)["images"] == 1);
}

TEST_CASE("Simulator answers Anthropic messages whole and as the documented event sequence", "[simulator]") {
  RunningSimulator simulator;
  const HttpCall whole{"POST", "/v1/messages", MessagesBody("Bonjour à tous"), "application/json",
                       {{"x-api-key", "test-key"}, {"anthropic-version", "2023-06-01"}}};
  const auto body = Json::parse(Send(simulator.port(), whole).body);
  CHECK(body["id"] == "msg_sim_1");
  CHECK(body["type"] == "message");
  CHECK(body["role"] == "assistant");
  CHECK(body["model"] == "etalon-simulated");
  CHECK(body["content"] == Json::array({{{"type", "text"}, {"text", "Bonjour à tous"}}}));
  CHECK(body["stop_reason"] == "end_turn");
  CHECK(body["stop_sequence"].is_null());
  CHECK(body["usage"] == Json{{"input_tokens", 3}, {"output_tokens", 3}});

  const auto streamed =
      Send(simulator.port(), PostJson("/v1/messages", MessagesBody("Bonjour à tous", {{"stream", true}})));
  REQUIRE(streamed.complete);
  std::vector<std::string> names;
  std::string text;
  for (const auto& event : streamed.Events()) {
    names.push_back(event.event);
    const auto data = Json::parse(event.data);
    CHECK(data["type"] == event.event);
    if (event.event == "content_block_delta") {
      CHECK(data["delta"]["type"] == "text_delta");
      text += data["delta"]["text"].get<std::string>();
    }
    if (event.event == "message_delta") {
      CHECK(data["delta"]["stop_reason"] == "end_turn");
      CHECK(data["usage"]["output_tokens"] == 3);
    }
  }
  CHECK(names == std::vector<std::string>{"message_start", "content_block_start", "ping", "content_block_delta",
                                          "content_block_delta", "content_block_delta", "content_block_stop",
                                          "message_delta", "message_stop"});
  CHECK(text == "Bonjour à tous");

  SECTION("max_tokens is required, as by the real API") {
    const Json no_max = {{"model", "claude-test"}, {"messages", Json::array({{{"role", "user"}, {"content", "x"}}})}};
    const auto reply = Send(simulator.port(), PostJson("/v1/messages", no_max.dump()));
    CHECK(reply.status == 400);
    CHECK(Json::parse(reply.body)["error"]["type"] == "invalid_request_error");
  }
}

TEST_CASE("Simulator embeddings are deterministic unit vectors, closer when texts share words", "[simulator]") {
  RunningSimulator simulator;
  const Json request = {{"model", "embed-test"},
                        {"input", Json::array({"La préfecture délivre les titres", "la PREFECTURE delivre",
                                               "Recette de la tarte aux pommes"})}};
  const auto body = Json::parse(Send(simulator.port(), PostJson("/v1/embeddings", request.dump())).body);
  CHECK(body["object"] == "list");
  REQUIRE(body["data"].size() == 3);
  auto vector = [&body](int i) { return body["data"][i]["embedding"].get<std::vector<double>>(); };
  auto dot = [](const std::vector<double>& a, const std::vector<double>& b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
    return sum;
  };
  CHECK(vector(0).size() == 256);
  CHECK(dot(vector(0), vector(0)) == Approx(1.0));
  CHECK(dot(vector(0), vector(1)) > dot(vector(0), vector(2)));
  CHECK(body["data"][1]["index"] == 1);
  CHECK(body["usage"]["prompt_tokens"] == 5 + 3 + 6);
  const auto again = Json::parse(Send(simulator.port(), PostJson("/v1/embeddings", request.dump())).body);
  CHECK(again["data"] == body["data"]);
}

TEST_CASE("Simulator transcribes multipart uploads from the script, else with a fallback", "[simulator]") {
  const std::string audio = "RIFF....WAVEfmt fake audio bytes";
  const std::string script =
      Json{{"file_sha256", etalon::core::Sha256Hex(audio)}, {"answer", "Bonjour, ceci est un test."}}.dump() + "\n";
  RunningSimulator simulator("answers: {script: answers.jsonl}\n", {{"answers.jsonl", script}});
  auto upload = [](const std::string& bytes, const std::string& format) {
    const std::string boundary = "simboundary42";
    std::string body;
    auto field = [&](const std::string& name, const std::string& value, const std::string& filename) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
      body += filename.empty() ? "" : "; filename=\"" + filename + "\"";
      body += "\r\n\r\n" + value + "\r\n";
    };
    field("file", bytes, "a.wav");
    field("model", "whisper-test", "");
    field("language", "fr", "");
    field("response_format", format, "");
    body += "--" + boundary + "--\r\n";
    return HttpCall{"POST", "/v1/audio/transcriptions", body, "multipart/form-data; boundary=" + boundary, {}};
  };
  const auto scripted = Send(simulator.port(), upload(audio, "json"));
  REQUIRE(scripted.status == 200);
  CHECK(Json::parse(scripted.body) == Json{{"text", "Bonjour, ceci est un test."}});
  const auto fallback = Send(simulator.port(), upload("other bytes", "text"));
  CHECK(fallback.body == "Transcription simulée du fichier " + etalon::core::Sha256Hex("other bytes").substr(0, 12) +
                             ".");
  CHECK(Send(simulator.port(), PostJson("/v1/audio/transcriptions", "{}")).status == 400);
}

TEST_CASE("Simulator serves health, models and stats, and answers errors in OpenAI's shape", "[simulator]") {
  RunningSimulator simulator;
  const auto replies = etalon::testing::SendOnOneConnection(
      simulator.port(), {Get("/health"), Get("/v1/models"), Get("/v1/nothing"),
                         PostJson("/v1/chat/completions", "{not json"), Get("/stats")});
  REQUIRE(replies.back().complete);  // five requests on one keep-alive connection
  CHECK(Json::parse(replies[0].body) == Json{{"status", "ok"}});
  const auto models = Json::parse(replies[1].body);
  CHECK(models["object"] == "list");
  CHECK(models["data"][0]["id"] == "etalon-simulated");
  CHECK(replies[2].status == 404);
  CHECK(Json::parse(replies[2].body)["error"]["message"] == "Invalid URL (GET /v1/nothing)");
  CHECK(replies[3].status == 400);
  CHECK(Json::parse(replies[3].body)["error"]["type"] == "invalid_request_error");
  const auto stats = Json::parse(replies[4].body);
  CHECK(stats["requests"] == 5);
  CHECK(stats["by_status"] == Json{{"200", 2}, {"400", 1}, {"404", 1}});
  CHECK(stats["faults_injected"] == 0);
  CHECK(stats["peak_in_flight"] == 1);
}

TEST_CASE("Simulator answers from the script, first match first, by substring or prompt hash", "[simulator]") {
  const std::string script = Json{{"match", "capitale"}, {"answer", "Paris."}}.dump() + "\n" +
                             Json{{"match", "capitale de l'Italie"}, {"answer", "Never chosen."}}.dump() + "\n" +
                             Json{{"prompt_sha256", etalon::core::Sha256Hex("exact")}, {"answer", "Hash hit."}}.dump() +
                             "\n";
  RunningSimulator simulator("answers: {mode: first-words, first_words: 2, script: s.jsonl}\n",
                             {{"s.jsonl", script}});
  auto answer = [&simulator](const std::string& text) {
    return Json::parse(Send(simulator.port(), PostJson("/v1/chat/completions", ChatBody(text))).body)["choices"][0]
        ["message"]["content"];
  };
  CHECK(answer("Quelle est la capitale de l'Italie ?") == "Paris.");
  CHECK(answer("exact") == "Hash hit.");
  CHECK(answer("Rien de prévu ici") == "Rien de");
  const auto log = simulator.WaitForLog(3);
  CHECK(log[0]["answer_source"] == "script:1");
  CHECK(log[1]["answer_source"] == "script:3");
  CHECK(log[2]["answer_source"] == "first-words");
}

TEST_CASE("Simulator switches to its second profile after the configured number of requests", "[simulator]") {
  RunningSimulator simulator(
      "model: a-simulated\nswitch:\n  after_requests: 1\n  model: b-simulated\n  answers: {mode: fixed, fixed_text: "
      "Autre.}\n");
  const auto first = Json::parse(Send(simulator.port(), PostJson("/v1/chat/completions", ChatBody("x"))).body);
  const auto second = Json::parse(Send(simulator.port(), PostJson("/v1/chat/completions", ChatBody("x"))).body);
  CHECK(first["model"] == "a-simulated");
  CHECK(second["model"] == "b-simulated");
  CHECK(second["system_fingerprint"] == "fp_sim_switched");
  CHECK(second["choices"][0]["message"]["content"] == "Autre.");
}
