// Tests for harness/summary/summary_record.cpp: result lines read in place
// give what the same lines give parsed by nlohmann, and break the same rules.
#include <catch2/catch.hpp>

#include <random>
#include <variant>

#include "etalon/run/result_record.hpp"
#include "etalon/summary/summary_record.hpp"

using etalon::summary::ReadSummaryRecord;
using etalon::summary::SummaryRecord;
using etalon::summary::SummaryRecordFromJson;

namespace {

// Result lines as a run writes them: an answer with a corpus score, a
// streamed answer priced and with energy, a failure.
std::vector<std::string> WrittenLines() {
  std::vector<std::string> lines;
  const etalon::core::RunKey key{"albert", "resume-administratif", "s-01", 1};
  etalon::core::Response answer;
  answer.text = "Le dossier « n° 12 » est complet.\n";
  answer.usage.input_tokens = 120;
  answer.usage.output_tokens = 14;
  answer.timing.end_to_end_ms = 812.25;
  answer.served_model = "albert-large";
  etalon::metrics::SampleScore bleu;
  bleu.value = 0.4375;
  bleu.statistics = {12, 7, 5, 3, 14, 13};
  etalon::metrics::SampleScore unscored;
  unscored.error = "invalid UTF-8";
  etalon::run::RecordContext context{"abc", "def", "2026-11-29T10:00:00.000Z", "2026-11-29T10:00:00.812Z"};
  lines.push_back(etalon::run::ResultLine(key, answer, {{"bleu", bleu}, {"exact_match", unscored}}, context));

  etalon::core::Response streamed = answer;
  streamed.usage.estimated = true;
  streamed.timing.ttfb_ms = 40.5;
  streamed.timing.ttft_ms = 95.0;
  streamed.timing.chunk_gaps_ms = {12.5, 0.25, 30};
  streamed.energy = etalon::core::EnergyReading{2.5, false, "ecologits-0.9.1", 1.0, 6.0};
  context.cost = {{"eur", 0.0012}, {"usage_estimated", true}, {"price_date", "2026-10-01"}};
  context.carbon = {{"kgco2eq", 0.0001}, {"method", "ecologits-0.9.1"}, {"zone", "FRA"}};
  etalon::metrics::SampleScore exact;
  exact.value = 1;
  lines.push_back(etalon::run::ResultLine(key, streamed, {{"exact_match", exact}}, context));

  etalon::core::Response failed;
  failed.error = etalon::core::Error{etalon::core::ErrorKind::kTimeout, 0, "no answer within 30 s"};
  lines.push_back(etalon::run::ResultLine(key, failed, {}, {"abc", "def", "2026-11-29T10:00:01.000Z", ""}));
  return lines;
}

// What nlohmann gives: the record, or the exception's message.
std::variant<SummaryRecord, std::string> ByTree(const std::string& line) {
  try {
    return SummaryRecordFromJson(nlohmann::json::parse(line));
  } catch (const nlohmann::json::exception& error) {
    return std::string(error.what());
  }
}

std::variant<SummaryRecord, std::string> InPlace(const std::string& line) {
  try {
    return ReadSummaryRecord(line);
  } catch (const nlohmann::json::exception& error) {
    return std::string(error.what());
  }
}

}  // namespace

TEST_CASE("Summary records: written lines read into their fields", "[summary]") {
  const auto lines = WrittenLines();
  const auto answer = ReadSummaryRecord(lines[0]);
  CHECK(answer.adapter == "albert");
  CHECK(answer.suite == "resume-administratif");
  CHECK_FALSE(answer.failed());
  REQUIRE(answer.scores.size() == 2);
  REQUIRE(answer.FindScore("bleu") != nullptr);
  CHECK(answer.FindScore("bleu")->value == 0.4375);
  CHECK(answer.FindScore("bleu")->statistics == std::vector<double>{12, 7, 5, 3, 14, 13});
  CHECK(answer.FindScore("exact_match")->has_error);
  CHECK_FALSE(answer.FindScore("exact_match")->value);
  CHECK(answer.end_to_end_ms == 812.25);
  CHECK_FALSE(answer.ttft_ms);
  CHECK(answer.input_tokens == 120);
  CHECK(answer.output_tokens == 14);
  CHECK(answer.energy.is_null());
  CHECK(answer.served_model == "albert-large");
  CHECK(answer.completed_at == "2026-11-29T10:00:00.812Z");

  const auto streamed = ReadSummaryRecord(lines[1]);
  CHECK(streamed.chunk_gaps_ms == std::vector<double>{12.5, 0.25, 30});
  CHECK(streamed.ttfb_ms == 40.5);
  CHECK(streamed.usage_estimated);
  CHECK(streamed.energy.at("low_joules") == 1.0);
  CHECK(streamed.cost.at("eur") == 0.0012);
  CHECK(streamed.carbon.at("zone") == "FRA");

  const auto failed = ReadSummaryRecord(lines[2]);
  CHECK(failed.error_kind == "timeout");
  CHECK_FALSE(failed.served_model);
  for (const auto& line : lines) {
    CHECK(ReadSummaryRecord(line) == SummaryRecordFromJson(nlohmann::json::parse(line)));
  }
}

TEST_CASE("Summary records: what a failed request may lack, an answer may not", "[summary]") {
  const std::string failed =
      R"({"adapter":"a","suite":"s","error":{"kind":"network","message":"reset"},"started_at":"","completed_at":""})";
  CHECK(ReadSummaryRecord(failed).error_kind == "network");
  const std::string answered = R"({"adapter":"a","suite":"s","error":null,"scores":{},"usage":{"input_tokens":1,)"
                               R"("output_tokens":2,"estimated":false}})";
  CHECK_THROWS_WITH(ReadSummaryRecord(answered), Catch::Contains("key 'timing' not found"));
  CHECK_THROWS_WITH(ReadSummaryRecord(R"({"suite":"s","error":null})"), Catch::Contains("key 'adapter' not found"));
  CHECK_THROWS_WITH(ReadSummaryRecord(R"({"adapter":1,"suite":"s","error":null})"),
                    Catch::Contains("type must be string, but is number"));
  CHECK_THROWS_WITH(ReadSummaryRecord("[1, 2]"), Catch::Contains("cannot use at() with array"));
  CHECK_THROWS_AS(ReadSummaryRecord(R"({"adapter":"a",)"), nlohmann::json::parse_error);
}

TEST_CASE("Summary records: text read in place agrees with the parsed line", "[summary]") {
  // Lines changed at random the ways a journal of another tool or version
  // could differ: fields missing, of another type, repeated, or in text the
  // scanner leaves to nlohmann (an escaped key, a three-digit exponent).
  const std::vector<std::string> replacements = {"null", "1", "-2.5", "1e+300", "\"x\"", "[]", "[1,\"a\"]", "{}",
                                                 "true", R"({"kind":"http"})", R"({"value":0.5})",
                                                 R"({"b\u0065":{"value":1}})", R"({"input_tokens":3})",
                                                 R"({"end_to_end_ms":5,"chunk_gaps_ms":[1,2]})"};
  const std::vector<std::string> keys = {"adapter", "suite",  "error",      "scores",       "usage",
                                         "timing",  "energy", "started_at", "served_model", "cost"};
  std::mt19937 random(20261129);
  const auto lines = WrittenLines();
  std::size_t read = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    auto line = nlohmann::json::parse(lines[trial % lines.size()]);
    std::string text;
    for (int change = 0; change < 2; ++change) {
      const auto& key = keys[random() % keys.size()];
      switch (random() % 3) {
        case 0: line.erase(key); break;
        case 1: line[key] = nlohmann::json::parse(replacements[random() % replacements.size()]); break;
        default: break;
      }
    }
    text = line.dump();
    if (random() % 4 == 0) {  // a repeated key: the last one counts
      text.pop_back();
      text += ",\"" + keys[random() % keys.size()] + "\":" + replacements[random() % replacements.size()] + "}";
    }
    INFO("line: " << text);
    const auto expected = ByTree(text);
    REQUIRE(InPlace(text) == expected);
    read += std::holds_alternative<SummaryRecord>(expected) ? 1 : 0;
  }
  CHECK(read > 500);  // enough lines survive the changes to compare records, not only errors
}
