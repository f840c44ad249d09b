// Tests for adapters/builtin/bm25_retriever.cpp through the registry.
#include <catch2/catch.hpp>

#include <future>

#include "etalon/adapters/adapter_registry.hpp"
#include "support/temp_dir.hpp"

namespace {

std::string Ask(etalon::core::Adapter& adapter, const std::string& question) {
  const nlohmann::json fields = {{"question", question}};
  etalon::core::Request request;
  request.fields = &fields;
  std::promise<etalon::core::Response> answer;
  adapter.Issue(request, [&answer](etalon::core::Response response) { answer.set_value(std::move(response)); });
  auto text = answer.get_future().get().text;
  adapter.Drain();
  return text;
}

}  // namespace

TEST_CASE("builtin:bm25 ranks corpus passages and answers with the best sentence", "[adapters]") {
  etalon::testing::TempDir dir;
  dir.Write("corpus.jsonl",
            "{\"id\": \"p1\", \"title\": \"Passeport\", \"text\": \"Le passeport se demande en mairie. Il coûte 86 euros.\"}\n"
            "{\"id\": \"p2\", \"title\": \"Carte grise\", \"text\": \"La carte grise se demande en ligne.\"}\n"
            "{\"id\": \"p3\", \"title\": \"Déchets\", \"text\": \"Les encombrants sont ramassés le mardi.\"}\n");
  const auto plan = dir.Write("plan.yaml", "");
  etalon::config::AdapterConfig config;
  config.id = "bm25";
  config.kind = "builtin:bm25";
  config.options = {{"corpus", "corpus.jsonl"}, {"k", 2}};
  etalon::core::Diagnostics diagnostics;
  auto retriever = etalon::adapters::MakeAdapter(config, {plan, 2}, diagnostics);
  REQUIRE(retriever);
  CHECK(Ask(*retriever, "Combien coûte un passeport ?") == R"(["p1","p2"])");

  config.options["mode"] = "answer";
  auto answerer = etalon::adapters::MakeAdapter(config, {plan, 2}, diagnostics);
  REQUIRE(answerer);
  CHECK(Ask(*answerer, "Le passeport, combien d'euros coûte-t-il ?") == "Il coûte 86 euros.");

  config.options = {{"corpus", "absent.jsonl"}};
  CHECK_FALSE(etalon::adapters::MakeAdapter(config, {plan, 2}, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK_THAT(diagnostics[0].ToString(), Catch::Contains("field 'adapters.bm25.options.corpus'"));
  CHECK_THAT(diagnostics[0].ToString(), Catch::Contains("absent.jsonl: cannot open corpus file"));
}
