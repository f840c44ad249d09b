// Tests for the `openai` kind (adapters/openai/openai_adapter_factory.cpp and
// adapters/http/http_adapter.cpp) through the registry, against the scripted
// loopback server: timings, usage estimate, media, errors without the key.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/stat.h>

#include <future>

#include "etalon/adapters/adapter_registry.hpp"
#include "support/mini_project.hpp"
#include "support/process.hpp"
#include "support/scripted_http_server.hpp"
#include "support/temp_dir.hpp"

using etalon::core::ErrorKind;
using etalon::testing::ScriptedHttpServer;
using etalon::testing::ScriptedReply;

namespace {

constexpr const char* kKeyVariable = "ETALON_TEST_OPENAI_KEY";
constexpr const char* kKey = "sk-test-0123456789abcdef";

std::unique_ptr<etalon::core::Adapter> Make(const nlohmann::json& options, etalon::core::Diagnostics& diagnostics,
                                            const std::string& preset = "vllm", const std::string& when_env = "",
                                            const std::string& plan_path = "plan.yaml") {
  etalon::config::AdapterConfig config;
  config.id = "x";
  config.kind = "openai";
  config.preset = preset;
  config.model = "test-model";
  config.when_env = when_env;
  config.options = options;
  config.line = 4;
  return etalon::adapters::MakeAdapter(config, {plan_path, 4, 30, 1}, diagnostics);
}

etalon::core::Response Ask(etalon::core::Adapter& adapter, const nlohmann::json& fields = nlohmann::json::object(),
                           const std::string& dataset_dir = "") {
  etalon::core::Request request;
  request.system_prompt = "Sois bref.";
  request.prompt = "Dis bonjour.";
  request.fields = &fields;
  request.dataset_dir = dataset_dir;
  std::promise<etalon::core::Response> answer;
  adapter.Issue(request, [&answer](etalon::core::Response response) { answer.set_value(std::move(response)); });
  auto response = answer.get_future().get();
  adapter.Drain();
  return response;
}

ScriptedReply Reply(int status, std::vector<std::string> chunks, const std::string& type = "application/json") {
  ScriptedReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", type}};
  reply.chunks = std::move(chunks);
  return reply;
}

std::string Event(const std::string& content) {
  return "data: {\"model\": \"served-1\", \"choices\": [{\"delta\": {\"content\": \"" + content + "\"}}]}\n\n";
}

}  // namespace

TEST_CASE("openai: a streamed answer records ttfb, ttft, chunk gaps and the served model", "[openai][loop]") {
  auto reply = Reply(200, {Event("Bon"), Event("jour"), Event(" !") + "data: [DONE]\n\n"}, "text/event-stream");
  reply.chunk_delay = std::chrono::milliseconds(20);
  ScriptedHttpServer server({reply});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl() + "/v1"}}, diagnostics);
  REQUIRE(diagnostics.empty());
  const auto response = Ask(*adapter);
  REQUIRE_FALSE(response.error);
  CHECK(response.text == "Bonjour !");
  CHECK(response.served_model == "served-1");
  REQUIRE(response.timing.ttfb_ms.has_value());
  REQUIRE(response.timing.ttft_ms.has_value());
  CHECK(*response.timing.ttft_ms >= *response.timing.ttfb_ms);
  CHECK(response.timing.chunk_gaps_ms.size() == 2);
  CHECK(response.timing.end_to_end_ms >= *response.timing.ttft_ms);
  // No usage came: etalon's estimate, flagged.
  CHECK(response.usage.estimated);
  CHECK(response.usage.output_tokens == 3);  // "Bonjour !" is 9 characters: ceil(9 / 4)
  const auto request = server.Requests().at(0);
  CHECK(request.head.starts_with("POST /v1/chat/completions HTTP/1.1"));
  const auto body = nlohmann::json::parse(request.body);
  CHECK(body["model"] == "test-model");
  CHECK(body["stream_options"]["include_usage"] == true);
  CHECK(body["messages"][0]["content"] == "Sois bref.");
}

TEST_CASE("openai: a retried request's timings start at the attempt that answered, the wait before is queueing",
          "[openai][loop]") {
  auto busy = Reply(503, {R"({"error": {"message": "busy"}})"});
  busy.headers.emplace_back("Retry-After", "1");
  ScriptedHttpServer server({busy, Reply(200, {Event("Oui") + "data: [DONE]\n\n"}, "text/event-stream")});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl() + "/v1"}}, diagnostics);
  REQUIRE(diagnostics.empty());
  const auto response = Ask(*adapter);
  REQUIRE_FALSE(response.error);
  CHECK(response.attempts == 2);
  // Retry-After made the client wait at least a second between the attempts:
  // that is queueing, not the server's time to first token.
  CHECK(response.timing.queued_ms >= 1000);
  REQUIRE(response.timing.ttft_ms.has_value());
  CHECK(*response.timing.ttft_ms < 1000);
  CHECK(response.timing.end_to_end_ms < 1000);
}

TEST_CASE("openai: a non-streamed answer keeps the provider's usage", "[openai][loop]") {
  ScriptedHttpServer server({Reply(200, {R"({"model": "m-2", "system_fingerprint": "fp_3", "choices": [{"message":
      {"content": "Salut."}}], "usage": {"prompt_tokens": 8, "completion_tokens": 2}})"})});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl()}, {"stream", false}}, diagnostics);
  REQUIRE(diagnostics.empty());
  const auto response = Ask(*adapter);
  REQUIRE_FALSE(response.error);
  CHECK(response.text == "Salut.");
  CHECK(response.system_fingerprint == "fp_3");
  CHECK(response.usage.input_tokens == 8);
  CHECK_FALSE(response.usage.estimated);
  CHECK_FALSE(response.timing.ttft_ms.has_value());
  CHECK(response.attempts == 1);
}

TEST_CASE("openai: the key goes in a header and never into an error message", "[openai][loop]") {
  ::setenv(kKeyVariable, kKey, 1);
  ScriptedHttpServer server({Reply(401, {std::string(R"({"error": {"message": "Incorrect API key provided: )") +
                                         kKey + "\"}}"})});
  SECTION("Authorization: Bearer") {
    etalon::core::Diagnostics diagnostics;
    auto adapter = Make({{"base_url", server.BaseUrl()}, {"api_key_env", kKeyVariable}}, diagnostics, "");
    REQUIRE(diagnostics.empty());
    const auto response = Ask(*adapter);
    REQUIRE(response.error.has_value());
    CHECK(response.error->kind == ErrorKind::kHttpStatus);
    CHECK(response.error->http_status == 401);
    CHECK_THAT(response.error->message, Catch::Contains("Incorrect API key provided: [redacted]"));
    CHECK(response.error->message.find(kKey) == std::string::npos);
    CHECK_THAT(server.Requests().at(0).head, Catch::Contains(std::string("Authorization: Bearer ") + kKey));
  }
  SECTION("Azure-style api-key header, custom headers") {
    etalon::core::Diagnostics diagnostics;
    auto adapter = Make({{"base_url", server.BaseUrl()},
                         {"api_key_env", kKeyVariable},
                         {"api_key_header", "api-key"},
                         {"headers", {{"X-Team", "dinum"}}}},
                        diagnostics, "");
    REQUIRE(diagnostics.empty());
    CHECK(Ask(*adapter).error->message.find(kKey) == std::string::npos);
    const auto head = server.Requests().at(0).head;
    CHECK_THAT(head, Catch::Contains(std::string("api-key: ") + kKey));
    CHECK_THAT(head, Catch::Contains("X-Team: dinum"));
    CHECK(head.find("Authorization") == std::string::npos);
  }
  SECTION("from a private api_key_file, relative to the plan") {
    etalon::testing::TempDir dir;
    const auto key_file = dir.Write("keys/vendor.key", std::string(kKey) + "\n");
    REQUIRE(::chmod(key_file.c_str(), 0600) == 0);
    etalon::core::Diagnostics diagnostics;
    auto adapter = Make({{"base_url", server.BaseUrl()}, {"api_key_file", "keys/vendor.key"}}, diagnostics, "", "",
                        dir.Path("plan.yaml"));
    const std::string first_problem = diagnostics.empty() ? "" : diagnostics[0].ToString();
    INFO(first_problem);
    REQUIRE(diagnostics.empty());
    CHECK(Ask(*adapter).error->message.find(kKey) == std::string::npos);
    CHECK_THAT(server.Requests().at(0).head, Catch::Contains(std::string("Authorization: Bearer ") + kKey));
  }
  ::unsetenv(kKeyVariable);
}

TEST_CASE("openai: 429 after the retry budget is a rate-limit error counting every attempt", "[openai][loop]") {
  ScriptedHttpServer server({Reply(429, {R"({"error": {"message": "quota"}})"})});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl()}, {"max_attempts", 2}}, diagnostics);
  REQUIRE(diagnostics.empty());
  const auto response = Ask(*adapter);
  REQUIRE(response.error.has_value());
  CHECK(response.error->kind == ErrorKind::kRateLimited);
  CHECK(response.error->http_status == 429);
  CHECK(response.attempts == 2);
}

TEST_CASE("openai: an image field is sent as a base64 data URL", "[openai][loop]") {
  etalon::testing::TempDir dir;
  dir.Write("images/page.png", "PNG!");
  ScriptedHttpServer server({Reply(200, {R"({"choices": [{"message": {"content": "texte"}}]})"})});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl()}, {"image_field", "image"}, {"stream", false}}, diagnostics);
  REQUIRE(diagnostics.empty());
  CHECK(adapter->GetCapabilities().image_input);
  CHECK(Ask(*adapter, {{"image", "images/page.png"}}, dir.path().string()).text == "texte");
  const auto body = nlohmann::json::parse(server.Requests().at(0).body);
  CHECK(body["messages"][1]["content"][1]["image_url"]["url"] == "data:image/png;base64,UE5HIQ==");
  // A path leaving the dataset's folder is refused before any request.
  const auto outside = Ask(*adapter, {{"image", "../secret.png"}}, dir.path().string());
  REQUIRE(outside.error.has_value());
  CHECK(outside.attempts == 0);
  CHECK(server.Requests().size() == 1);
}

TEST_CASE("openai: transcription posts the recording as multipart/form-data", "[openai][loop]") {
  etalon::testing::TempDir dir;
  dir.Write("audio/a1.wav", "RIFF-fake-wave");
  ScriptedHttpServer server({Reply(200, {R"({"text": "Bonjour, je viens pour un passeport."})"})});
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl()}, {"endpoint", "transcription"}}, diagnostics);
  REQUIRE(diagnostics.empty());
  CHECK(adapter->GetCapabilities().audio_input);
  CHECK(Ask(*adapter, {{"audio", "audio/a1.wav"}}, dir.path().string()).text == "Bonjour, je viens pour un passeport.");
  const auto request = server.Requests().at(0);
  CHECK(request.head.starts_with("POST /audio/transcriptions"));
  CHECK_THAT(request.head, Catch::Contains("multipart/form-data; boundary="));
  CHECK_THAT(request.body, Catch::Contains("RIFF-fake-wave"));
  CHECK_THAT(request.body, Catch::Contains("name=\"model\"\r\n\r\ntest-model"));
}

TEST_CASE("openai: embeddings rank the corpus by cosine and answer ids like builtin:bm25", "[openai][loop]") {
  etalon::testing::TempDir dir;
  dir.Write("corpus.jsonl",
            "{\"id\": \"p1\", \"text\": \"Passeport\"}\n{\"id\": \"p2\", \"text\": \"Carte grise\"}\n"
            "{\"id\": \"p3\", \"text\": \"Permis\"}\n");
  ScriptedHttpServer server({
      Reply(200, {R"({"data": [{"index": 0, "embedding": [1, 0]}, {"index": 2, "embedding": [0.6, 0.8]},
                               {"index": 1, "embedding": [0, 1]}]})"}),
      Reply(200, {R"({"data": [{"index": 0, "embedding": [0.1, 1]}], "usage": {"prompt_tokens": 4}})"}),
  });
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make({{"base_url", server.BaseUrl()}, {"endpoint", "embeddings"}, {"corpus", "corpus.jsonl"},
                       {"k", 2}},
                      diagnostics, "vllm", "", dir.Path("plan.yaml"));
  REQUIRE(diagnostics.empty());
  const auto response = Ask(*adapter, {{"question", "Comment refaire ma carte grise ?"}});
  REQUIRE_FALSE(response.error);
  CHECK(response.text == R"(["p2","p3"])");
  CHECK(response.usage.input_tokens == 4);
  CHECK(server.Requests().size() == 2);
  CHECK(nlohmann::json::parse(server.Requests().at(0).body)["input"].size() == 3);
}

TEST_CASE("openai options are checked at validation, the key only by its variable", "[openai]") {
  etalon::core::Diagnostics diagnostics;
  CHECK_FALSE(Make({{"base_urll", "http://x"}}, diagnostics));
  CHECK_FALSE(Make({}, diagnostics, "openia"));
  CHECK_FALSE(Make({{"base_url", "https://llm.example"}, {"api_key_env", "ETALON_TEST_UNSET_KEY"}}, diagnostics, ""));
  REQUIRE(diagnostics.size() == 4);
  CHECK_THAT(diagnostics[0].ToString(), Catch::StartsWith("plan.yaml:4: field 'adapters.x.options.base_urll': unknown option"));
  CHECK_THAT(diagnostics[1].ToString(), Catch::StartsWith("plan.yaml:4: field 'adapters.x.preset': unknown preset 'openia'"));
  CHECK_THAT(diagnostics[2].ToString(), Catch::StartsWith("plan.yaml:4: field 'adapters.x.options.base_url': is required"));
  CHECK(diagnostics[3].ToString() ==
        "plan.yaml:4: field 'adapters.x.options.api_key_env': environment variable ETALON_TEST_UNSET_KEY is not set "
        "(the API key is read from it or from an api_key_file, never from the plan)");
  // An entry skipped by when_env needs no key.
  diagnostics.clear();
  CHECK(Make({}, diagnostics, "albert", "ETALON_TEST_UNSET_KEY"));
  CHECK(diagnostics.empty());
}

TEST_CASE("etalon run scores an openai adapter served over loopback, list shows the kinds", "[openai][cli]") {
  ScriptedHttpServer server({Reply(200, {Event("Phrase numéro") + "data: [DONE]\n\n"}, "text/event-stream")});
  etalon::testing::MiniProject project(2);
  // Without model fingerprint probes, so the server sees the suite's requests alone.
  project.dir.Write("plans/p.yaml", "name: p\nmodel_probes: false\nadapters:\n  - id: local\n    kind: openai\n    preset: vllm\n"
                                    "    model: m\n    options: {base_url: \"" + server.BaseUrl() + "/v1\"}\n"
                                    "suites: [s]\n");
  const auto run = etalon::testing::RunEtalon({"run", project.plan, "--out", project.Out()}, {"NO_PROXY=127.0.0.1"});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  const auto results = etalon::testing::ReadFile(project.Out() + "/results.jsonl");
  CHECK_THAT(results, Catch::Contains("\"ttft_ms\":") && Catch::Contains("Phrase numéro"));
  CHECK(server.Requests().size() == 2);

  const auto list = etalon::testing::RunEtalon({"list", "adapters"});
  CHECK_THAT(list.out, Catch::Contains("openai") && Catch::Contains("anthropic") &&
                           Catch::Contains("requests_per_minute") && Catch::Contains("api_key_header"));
}
