// Tests for adapters/builtin/ through the registry, as the runner sees them.
#include <catch2/catch.hpp>

#include <future>

#include "etalon/adapters/adapter_registry.hpp"

using etalon::adapters::MakeAdapter;
using etalon::config::AdapterConfig;

namespace {

etalon::core::Response Ask(etalon::core::Adapter& adapter, const nlohmann::json& fields, const std::string& prompt) {
  etalon::core::Request request;
  request.prompt = prompt;
  request.fields = &fields;
  std::promise<etalon::core::Response> answer;
  adapter.Issue(request, [&answer](etalon::core::Response response) { answer.set_value(std::move(response)); });
  auto response = answer.get_future().get();
  adapter.Drain();
  return response;
}

std::unique_ptr<etalon::core::Adapter> Make(const std::string& kind, nlohmann::json options,
                                            etalon::core::Diagnostics& diagnostics) {
  AdapterConfig config;
  config.id = "x";
  config.kind = kind;
  config.options = std::move(options);
  config.line = 7;
  return MakeAdapter(config, {"plan.yaml", 2}, diagnostics);
}

}  // namespace

TEST_CASE("builtin:echo returns the prompt", "[adapters]") {
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make("builtin:echo", nlohmann::json::object(), diagnostics);
  REQUIRE(adapter);
  CHECK(Ask(*adapter, nlohmann::json::object(), "Bonjour <à> vous").text == "Bonjour <à> vous");
}

TEST_CASE("builtin:lead returns the first k sentences of the input field", "[adapters]") {
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make("builtin:lead", {{"sentences", 2}}, diagnostics);
  REQUIRE(adapter);
  const nlohmann::json fields = {{"input", "Première phrase. Deuxième phrase ! Troisième ?"}};
  CHECK(Ask(*adapter, fields, "ignored").text == "Première phrase. Deuxième phrase !");
  const auto missing = Ask(*adapter, nlohmann::json::object(), "ignored");
  REQUIRE(missing.error);
  CHECK(missing.error->message == "sample has no text field 'input'");
}

TEST_CASE("builtin:bm25-extract returns the context sentence matching the question", "[adapters]") {
  etalon::core::Diagnostics diagnostics;
  auto adapter = Make("builtin:bm25-extract", nlohmann::json::object(), diagnostics);
  REQUIRE(adapter);
  const nlohmann::json fields = {
      {"context", "La mairie est ouverte le lundi. Le passeport coûte 86 euros pour un adulte. Il est valable dix ans."},
      {"question", "Combien coûte un passeport pour un adulte ?"}};
  CHECK(Ask(*adapter, fields, "").text == "Le passeport coûte 86 euros pour un adulte.");
}

TEST_CASE("Unknown kinds and bad options are located in the plan", "[adapters]") {
  etalon::core::Diagnostics diagnostics;
  CHECK_FALSE(Make("builtin:oracle", nlohmann::json::object(), diagnostics));
  CHECK_FALSE(Make("builtin:lead", {{"sentences", "three"}, {"sentense", 1}}, diagnostics));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].ToString() ==
        "plan.yaml:7: field 'adapters.x.kind': unknown adapter kind 'builtin:oracle' (see `etalon list adapters`)");
  CHECK_THAT(diagnostics[1].ToString(), Catch::StartsWith("plan.yaml:7: field 'adapters.x.options.sentense': unknown option"));
  CHECK(diagnostics[2].ToString() == "plan.yaml:7: field 'adapters.x.options.sentences': must be an integer");
}
