#include <catch2/catch.hpp>

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
  const auto record = etalon::run::MakeResultRecord(key, response, {}, {});
  const auto& timing = record.at("timing");
  CHECK(timing.at("queued_ms") == 3.0);
  CHECK(timing.at("ttfb_ms") == 40.0);
  CHECK(timing.at("ttft_ms") == 100.0);
  CHECK(timing.at("tpot_ms") == 50.0);
  CHECK(timing.at("chunk_gaps_ms") == nlohmann::json::array({50.0, 48.5}));
  CHECK(record.at("system_fingerprint") == "fp_sim");
}
