#include <catch2/catch.hpp>

#include <limits>

#include "etalon/run/result_record.hpp"

namespace {

etalon::core::Response StreamedResponse(double ttft_ms, double end_to_end_ms, std::int64_t output_tokens) {
  etalon::core::Response response;
  response.timing.ttft_ms = ttft_ms;
  response.timing.end_to_end_ms = end_to_end_ms;
  response.usage.output_tokens = output_tokens;
  return response;
}

}  // namespace

TEST_CASE("TPOT is the time after the first token spread over the remaining tokens") {
  // 11 tokens: the first at 100 ms, the last at 600 ms, so 10 gaps of 50 ms.
  CHECK(etalon::run::TimePerOutputToken(StreamedResponse(100, 600, 11)) == Approx(50.0));
}

TEST_CASE("TPOT is undefined without a first token or with a single output token") {
  CHECK_FALSE(etalon::run::TimePerOutputToken(StreamedResponse(100, 600, 1)).has_value());
  etalon::core::Response without_ttft;
  without_ttft.timing.end_to_end_ms = 600;
  without_ttft.usage.output_tokens = 11;
  CHECK_FALSE(etalon::run::TimePerOutputToken(without_ttft).has_value());
}

TEST_CASE("a result record keeps every timing, the chunk gaps and the system fingerprint") {
  auto response = StreamedResponse(100, 600, 11);
  response.timing.queued_ms = 3;
  response.timing.ttfb_ms = 40;
  response.timing.chunk_gaps_ms = {50, 48.5};
  response.system_fingerprint = "fp_sim";
  const etalon::core::RunKey key{"adapter", "suite", "s1", 0};
  const auto record = nlohmann::json::parse(etalon::run::ResultLine(key, response, {}, {}));
  const auto& timing = record.at("timing");
  CHECK(timing.at("queued_ms") == 3.0);
  CHECK(timing.at("ttfb_ms") == 40.0);
  CHECK(timing.at("ttft_ms") == 100.0);
  CHECK(timing.at("tpot_ms") == 50.0);
  CHECK(timing.at("chunk_gaps_ms") == nlohmann::json::array({50.0, 48.5}));
  CHECK(record.at("system_fingerprint") == "fp_sim");
}

TEST_CASE("a result line is nlohmann's own dump of its record, every field in schema order") {
  etalon::core::Response response = StreamedResponse(100, 600, 11);
  response.text = "réponse \"citée\"\n\x01 \xC3\x28 coupée";  // a control character and invalid UTF-8
  response.timing.queued_ms = 0.1;
  response.timing.ttfb_ms = 22.426834999999997;
  response.timing.chunk_gaps_ms = {1e-5, 50};
  response.usage.input_tokens = 12;
  response.energy = etalon::core::EnergyReading{0.25, false, "cpu-time-estimate", 0.1, std::nullopt};
  response.attempts = 2;
  response.served_model = "modèle";
  etalon::run::NamedScores scores;
  scores.emplace_back("bleu", etalon::metrics::SampleScore{0.5, {3, 4.5}, "", std::nullopt});
  scores.emplace_back("extraction", etalon::metrics::SampleScore{1, {}, "OUI", std::nullopt});
  scores.emplace_back("f1", etalon::metrics::SampleScore{std::numeric_limits<double>::quiet_NaN(), {}, "",
                                                         std::string("invalid UTF-8 output")});
  etalon::run::RecordContext context{"d", "p", "2026-11-29T01:00:00.000Z", "2026-11-29T01:00:00.600Z",
                                     nlohmann::ordered_json{{"eur", 0.0012}, {"basis", "catalog"}}, nullptr};
  const etalon::core::RunKey key{"adaptateur", "suite", "s-1", 3};
  const auto line = etalon::run::ResultLine(key, response, scores, context);
  const auto record = nlohmann::ordered_json::parse(line);
  CHECK(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) == line);
  std::vector<std::string> keys;
  for (const auto& [name, value] : record.items()) keys.push_back(name);
  const std::vector<std::string> schema = {"schema", "adapter", "suite", "sample", "repeat", "ok", "output", "error",
                                           "scores", "usage", "timing", "energy", "cost", "carbon", "attempts",
                                           "served_model", "system_fingerprint", "dataset_sha256", "prompt_sha256",
                                           "started_at", "completed_at"};
  CHECK(keys == schema);
  CHECK(record.at("output") == "réponse \"citée\"\n\x01 \xEF\xBF\xBD( coupée");
  CHECK(record.at("scores").at("bleu").at("statistics") == nlohmann::json::array({3.0, 4.5}));
  CHECK(record.at("scores").at("extraction").at("extracted") == "OUI");
  CHECK(record.at("scores").at("f1").at("value").is_null());
  CHECK(record.at("scores").at("f1").at("error") == "invalid UTF-8 output");
  CHECK(record.at("usage").at("output_tokens") == 11);
  CHECK(record.at("energy").at("low_joules") == 0.1);
  CHECK(record.at("energy").at("high_joules").is_null());
  CHECK(record.at("cost").at("eur") == 0.0012);
  CHECK(record.at("timing").at("ttfb_ms") == 22.426834999999997);
  CHECK(record.at("repeat") == 3);

  response.error = etalon::core::Error{etalon::core::ErrorKind::kTimeout, 504, "trop lent"};
  const auto failed = etalon::run::ResultLine(key, response, {}, {});
  const auto failed_record = nlohmann::ordered_json::parse(failed);
  CHECK(failed_record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) == failed);
  CHECK(failed_record.at("ok") == false);
  CHECK(failed_record.at("error").at("http_status") == 504);
  CHECK(failed_record.at("error").at("message") == "trop lent");
}
