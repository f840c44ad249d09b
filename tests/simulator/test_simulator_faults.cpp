// Injected faults as a client sees them, the request log, determinism, and load.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "etalon/core/sha256.hpp"
#include "simulator/http_client.hpp"
#include "simulator/running_simulator.hpp"

using etalon::testing::HttpReply;
using etalon::testing::PostJson;
using etalon::testing::RunningSimulator;
using etalon::testing::Send;
using Json = nlohmann::json;

namespace {

std::string Chat(const std::string& text, bool stream) {
  return Json{{"model", "gpt-test"},
              {"stream", stream},
              {"messages", Json::array({{{"role", "user"}, {"content", text}}})}}
      .dump();
}

constexpr const char* kText = "un deux trois quatre cinq six";  // 6 tokens

}  // namespace

TEST_CASE("Simulator injects HTTP error faults with vendor-shaped bodies", "[simulator][faults]") {
  const auto [rate_key, status] = GENERATE(table<std::string, int>({{"http_500", 500}, {"http_502", 502},
                                                                    {"http_503", 503}, {"http_429", 429}}));
  RunningSimulator simulator("faults: {" + rate_key + ": 1, retry_after_s: 7}\n");
  const auto reply = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, false)));
  CHECK(reply.status == status);
  CHECK(Json::parse(reply.body)["error"]["message"].is_string());
  const auto anthropic = Send(simulator.port(), PostJson("/v1/messages", Json{{"model", "m"},
                                                                              {"max_tokens", 5},
                                                                              {"messages", Json::array({{{"role", "user"},
                                                                                                         {"content", "x"}}})}}
                                                                            .dump()));
  CHECK(anthropic.status == status);
  CHECK(Json::parse(anthropic.body)["type"] == "error");
  if (status == 429) {
    CHECK(reply.headers.at("retry-after") == "7");
    CHECK(reply.headers.count("x-ratelimit-remaining-requests") == 1);
    CHECK(reply.headers.at("x-ratelimit-reset-requests") == "7s");
    CHECK(Json::parse(reply.body)["error"]["code"] == "rate_limit_exceeded");
    CHECK(Json::parse(anthropic.body)["error"]["type"] == "rate_limit_error");
  }
  const auto log = simulator.WaitForLog(2);
  REQUIRE(log.size() == 2);
  CHECK(log[0]["fault"] == rate_key);
  CHECK(log[0]["status"] == status);
}

TEST_CASE("Simulator resets the connection after the configured number of chunks", "[simulator][faults]") {
  RunningSimulator simulator("faults: {reset: 1, after_chunks: 3}\n");
  const auto streamed = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, true)));
  CHECK(streamed.header_done);
  CHECK_FALSE(streamed.complete);
  CHECK(streamed.connection_reset);
  const auto whole = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, false)));
  CHECK_FALSE(whole.complete);  // half a body, then RST; the client may see the reset or a cut message
  const auto log = simulator.WaitForLog(2);
  CHECK(log[0]["fault"] == "reset");
  CHECK(log[0]["content_chunks"] == 3);
  CHECK(log[0]["completed"] == false);
}

TEST_CASE("Simulator sends malformed JSON in a body or in one stream event", "[simulator][faults]") {
  RunningSimulator simulator("faults: {malformed_json: 1, after_chunks: 2}\n");
  const auto whole = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, false)));
  REQUIRE(whole.complete);
  CHECK(whole.status == 200);
  CHECK(Json::parse(whole.body, nullptr, false).is_discarded());
  const auto streamed = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, true)));
  REQUIRE(streamed.complete);
  int broken = 0;
  int broken_index = -1;
  const auto events = streamed.Events();
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    if (Json::parse(events[i].data, nullptr, false).is_discarded()) {
      ++broken;
      broken_index = static_cast<int>(i);
    }
  }
  CHECK(broken == 1);
  CHECK(broken_index == 3);  // after the role chunk and two good content chunks
  CHECK(events.back().data == "[DONE]");
}

TEST_CASE("Simulator stalls until the client gives up, with or without headers", "[simulator][faults]") {
  const auto [fault, headers] =
      GENERATE(table<std::string, bool>({{"stall_after_headers", true}, {"stall_before_headers", false}}));
  RunningSimulator simulator("faults: {" + fault + ": 1}\n");
  const bool stream = GENERATE(false, true);
  const auto reply =
      Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, stream)), std::chrono::milliseconds(300));
  INFO(fault << " stream=" << stream << ": " << reply.error);
  CHECK_FALSE(reply.complete);  // the client gave up (its 300 ms deadline)
  CHECK(reply.header_done == headers);
  CHECK(reply.body.empty());
  const auto log = simulator.WaitForLog(1);  // written once the client left
  REQUIRE(log.size() == 1);
  CHECK(log[0]["fault"] == fault);
}

TEST_CASE("Simulator's rate limit answers 429 with Retry-After once the bucket is empty", "[simulator][faults]") {
  RunningSimulator simulator("rate_limit_rpm: 1\nrate_limit_burst: 2\n");
  std::vector<HttpReply> replies;
  for (int i = 0; i < 3; ++i) {
    replies.push_back(Send(simulator.port(), PostJson("/v1/chat/completions", Chat("x", false))));
  }
  CHECK(replies[0].status == 200);
  CHECK(replies[1].status == 200);
  REQUIRE(replies[2].status == 429);
  const int retry_after = std::stoi(replies[2].headers.at("retry-after"));
  CHECK(retry_after >= 1);
  CHECK(retry_after <= 60);
  CHECK(replies[2].headers.at("x-ratelimit-limit-requests") == "1");
  CHECK(simulator.WaitForLog(3).at(2)["fault"] == "rate_limited");
}

TEST_CASE("Simulator's log has one line per request matching what was served", "[simulator][log]") {
  RunningSimulator simulator("ttft: {distribution: uniform, min_ms: 2, max_ms: 6}\n"
                             "itl: {distribution: lognormal, median_ms: 2, sigma: 0.5}\n");
  const auto streamed = Send(simulator.port(), PostJson("/v1/chat/completions", Chat(kText, true)));
  const auto whole = Send(simulator.port(), PostJson("/v1/chat/completions", Chat("Bonjour", false)));
  REQUIRE(streamed.complete);
  REQUIRE(whole.complete);
  const auto log = simulator.WaitForLog(2);
  REQUIRE(log.size() == 2);
  const auto& line = log[0];
  CHECK(line["seq"] == 1);
  CHECK(line["endpoint"] == "/v1/chat/completions");
  CHECK(line["model"] == "gpt-test");
  CHECK(line["served_model"] == "etalon-simulated");
  CHECK(line["stream"] == true);
  CHECK(line["fault"].is_null());
  CHECK(line["status"] == 200);
  CHECK(line["completed"] == true);
  CHECK(line["prompt_tokens"] == 6);
  CHECK(line["completion_tokens"] == 6);
  CHECK(line["content_chunks"] == 6);
  CHECK(line["finish_reason"] == "stop");
  CHECK(line["last_user_sha256"] == etalon::core::Sha256Hex(kText));
  REQUIRE(line["itl_applied_ms"].size() == 5);
  REQUIRE(line["itl_observed_ms"].size() == 5);
  // A timer never fires early: what the socket saw is at least what was applied.
  CHECK(line["ttft_ms"].get<double>() >= line["ttft_applied_ms"].get<double>());
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(line["itl_applied_ms"][i].get<double>() > 0);
    CHECK(line["itl_observed_ms"][i].get<double>() >= line["itl_applied_ms"][i].get<double>());
  }
  CHECK(log[1]["seq"] == 2);
  CHECK(log[1]["stream"] == false);
  CHECK(log[1]["itl_applied_ms"].empty());  // one token: no gap
  CHECK(log[1]["ttft_ms"].get<double>() >= log[1]["ttft_applied_ms"].get<double>());
}

TEST_CASE("Simulator draws the same faults and latencies for the same seed", "[simulator][log]") {
  auto run = [](int seed) {
    RunningSimulator simulator("seed: " + std::to_string(seed) +
                               "\nttft: {distribution: normal, mean_ms: 1, stddev_ms: 1}\n"
                               "faults: {http_500: 0.3, http_503: 0.3}\n");
    for (int i = 0; i < 20; ++i) {
      Send(simulator.port(), PostJson("/v1/chat/completions", Chat("a b", false)));
    }
    std::vector<std::pair<Json, Json>> drawn;
    for (const auto& line : simulator.WaitForLog(20)) {
      drawn.emplace_back(line["fault"], line["ttft_applied_ms"]);
    }
    return drawn;
  };
  const auto first = run(7);
  CHECK(first == run(7));
  CHECK(first != run(8));
  int faults = 0;
  for (const auto& [fault, ttft] : first) {
    faults += fault.is_null() ? 0 : 1;
  }
  CHECK(faults > 0);
  CHECK(faults < 20);
}

TEST_CASE("Simulator holds 500 concurrent streams and completes each correctly", "[simulator][load]") {
  RunningSimulator simulator("ttft: {distribution: fixed, ms: 200}\nitl: {distribution: fixed, ms: 2}\n", {}, 2);
  std::vector<etalon::testing::HttpCall> calls;
  for (int i = 0; i < 500; ++i) {
    calls.push_back(PostJson("/v1/chat/completions", Chat("flux numéro " + std::to_string(i), true)));
  }
  const auto replies = etalon::testing::SendConcurrently(simulator.port(), calls, std::chrono::seconds(60));
  int correct = 0;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    std::string text;
    const auto events = replies[i].Events();
    for (std::size_t e = 1; e + 2 < events.size(); ++e) {
      text += Json::parse(events[e].data)["choices"][0]["delta"]["content"].get<std::string>();
    }
    correct += replies[i].complete && !events.empty() && events.back().data == "[DONE]" &&
                       text == "flux numéro " + std::to_string(i)
                   ? 1
                   : 0;
  }
  CHECK(correct == 500);
  CHECK(simulator.WaitForLog(500).size() == 500);
  const auto stats = Json::parse(Send(simulator.port(), etalon::testing::Get("/stats")).body);
  CHECK(stats["by_status"]["200"] == 500);
  CHECK(stats["peak_in_flight"].get<int>() > 1);
}
