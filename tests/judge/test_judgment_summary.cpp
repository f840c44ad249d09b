// judgments.json from hand-written judgments.jsonl files: means, pass rates
// with Wilson intervals, kappa, the both-orders rule of pairwise judgments,
// the judge's spend kept apart, and independence from line order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/judge/judgment_summary.hpp"
#include "etalon/stats/bootstrap.hpp"
#include "support/temp_dir.hpp"

using etalon::judge::BuildJudgmentSummary;
using etalon::testing::TempDir;

namespace {

etalon::config::Rubric MakeRubric(etalon::config::JudgeMode mode) {
  etalon::config::Rubric rubric;
  rubric.id = "r";
  rubric.version = 2;
  rubric.mode = mode;
  rubric.sha256 = "abc";
  return rubric;
}

std::string Pointwise(const std::string& adapter, const std::string& sample, const nlohmann::json& score,
                      const nlohmann::json& pass, const nlohmann::json& human, double eur) {
  const bool ok = !score.is_null() || !pass.is_null();
  return nlohmann::json{{"adapter", adapter},
                        {"suite", "s"},
                        {"sample", sample},
                        {"repeat", 0},
                        {"ok", ok},
                        {"score", score},
                        {"pass", pass},
                        {"error", ok ? nlohmann::json(nullptr)
                                     : nlohmann::json{{"kind", "unparsable_verdict"}, {"message", "x"}}},
                        {"human", human},
                        {"judge_usage", {{"input_tokens", 100}, {"output_tokens", 10}, {"estimated", false}}},
                        {"judge_energy", {{"joules", 2.0}, {"measured", false}, {"method", "ecologits-0.9.1"},
                                          {"low_joules", 1.0}, {"high_joules", 3.0}}},
                        {"judge_cost", {{"eur", eur}}},
                        {"judge_carbon", nullptr}}
             .dump() +
         "\n";
}

std::string Pairwise(const std::string& first, const std::string& second, const std::string& sample,
                     const nlohmann::json& winner) {
  return nlohmann::json{{"adapter", first + "/" + second},
                        {"suite", "s"},
                        {"sample", sample},
                        {"repeat", 0},
                        {"offers", {first, second}},
                        {"ok", !winner.is_null()},
                        {"winner", winner},
                        {"error", winner.is_null() ? nlohmann::json{{"kind", "unparsable_verdict"}}
                                                   : nlohmann::json(nullptr)},
                        {"judge_usage", nullptr}}
             .dump() +
         "\n";
}

nlohmann::ordered_json Summarise(const std::string& path, const etalon::config::Rubric& rubric,
                                 const std::vector<std::string>& offers) {
  etalon::config::AdapterConfig judge;
  judge.id = "juge";
  judge.kind = "openai";
  judge.model = "m";
  return BuildJudgmentSummary({path, &rubric, &judge, offers, {"s"}, 0});
}

}  // namespace

TEST_CASE("Judgment summary: mean score, errors apart, kappa, the judge's spend, an offer with no judgment",
          "[judge][summary]") {
  TempDir dir;
  const auto rubric = MakeRubric(etalon::config::JudgeMode::kScore);
  std::vector<std::string> lines = {
      Pointwise("a", "q1", 5, nullptr, 5, 0.001), Pointwise("a", "q2", 4, nullptr, 4, 0.001),
      Pointwise("a", "q3", 3, nullptr, 4, 0.001), Pointwise("a", "q4", nullptr, nullptr, 2, 0.001),
      Pointwise("b", "q1", 2, nullptr, nullptr, 0.002)};
  std::string text;
  for (const auto& line : lines) {
    text += line;
  }
  const auto summary = Summarise(dir.Write("j.jsonl", text), rubric, {"a", "b", "c"});
  CHECK(summary["judgments"]["recorded"] == 5);
  CHECK(summary["judgments"]["failed"] == 1);
  CHECK(summary["judgments"]["failures"]["unparsable_verdict"] == 1);
  const auto& a = summary["offers"][0];
  CHECK(a["adapter"] == "a");
  CHECK(a["judged"] == 3);
  // Mean of 5, 4, 3 = 4; its interval is the BCa bootstrap of those three scores, seed 0.
  CHECK(a["score"]["mean"].get<double>() == Approx(4));
  const std::vector<double> scores = {3, 4, 5};
  const auto expected = etalon::stats::BootstrapMeanInterval(scores, {2000, 0, 0.95});
  CHECK(a["score"]["ci95"]["method"] == "bca-bootstrap");
  CHECK(a["score"]["ci95"]["low"].get<double>() == expected.low);
  CHECK(a["score"]["ci95"]["high"].get<double>() == expected.high);
  CHECK(expected.low >= 3);  // a bootstrap mean never leaves the scores' range, unlike 4 ± 1.96 / sqrt(3)
  CHECK(a["score"]["histogram"]["4"] == 1);
  // Judge 5, 4, 3 against humans 5, 4, 4: p_o = 2/3; judge shares 1/3 each, humans 5: 1/3, 4: 2/3,
  // p_e = 1/3 * 1/3 + 1/3 * 2/3 = 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5.
  CHECK(a["human_agreement"]["items"] == 3);
  CHECK(a["human_agreement"]["kappa"].get<double>() == Approx(0.5));
  CHECK(summary["offers"][1]["human_agreement"].is_null());  // b's sample carries no label
  // An offer with no judgment at all still has its row, empty.
  const auto& c = summary["offers"][2];
  CHECK(c["recorded"] == 0);
  CHECK(c["score"]["mean"].is_null());
  CHECK(c["score"]["ci95"].is_null());
  // The judge's own spend: 5 requests, their tokens, euros and energy, summed apart.
  const auto& spend = summary["judge_spend"];
  CHECK(spend["requests"] == 5);
  CHECK(spend["input_tokens"].get<double>() == 500);
  CHECK(spend["eur"].get<double>() == Approx(0.006));
  CHECK(spend["energy"]["estimated_joules"].get<double>() == Approx(10));
  CHECK(spend["energy"]["estimated_low_joules"].get<double>() == Approx(5));
  CHECK(spend["energy"]["measured_joules"].is_null());

  // The same judgments in another order give the same summary, byte for byte.
  std::reverse(lines.begin(), lines.end());
  text.clear();
  for (const auto& line : lines) {
    text += line;
  }
  CHECK(Summarise(dir.Write("r.jsonl", text), rubric, {"a", "b", "c"}).dump() == summary.dump());
}

TEST_CASE("Judgment summary: pass rate with its Wilson interval; one sample alone", "[judge][summary]") {
  TempDir dir;
  const auto rubric = MakeRubric(etalon::config::JudgeMode::kPassFail);
  const auto summary = Summarise(dir.Write("j.jsonl", Pointwise("a", "q1", nullptr, true, true, 0)), rubric, {"a"});
  const auto& pass = summary["offers"][0]["pass"];
  CHECK(pass["n"] == 1);
  CHECK(pass["rate"].get<double>() == 1);
  CHECK(pass["ci95"]["low"].get<double>() == Approx(0.20654931437723745));
  CHECK(pass["ci95"]["method"] == "wilson");
  // One label on both sides: chance agreement 1, kappa undefined.
  CHECK(summary["offers"][0]["human_agreement"]["kappa"].is_null());
}

TEST_CASE("Pairwise summary: a win needs both orders, disagreement is a tie and counts as position bias",
          "[judge][summary]") {
  TempDir dir;
  const auto rubric = MakeRubric(etalon::config::JudgeMode::kPairwise);
  std::string text;
  for (const auto* sample : {"q1", "q2", "q3", "q4"}) {
    text += Pairwise("a", "b", sample, "a") + Pairwise("b", "a", sample, "a");
  }
  // q5: the judge prefers whatever is shown first: a tie, and one order disagreement.
  text += Pairwise("a", "b", "q5", "a") + Pairwise("b", "a", "q5", "b");
  // q6: one order unreadable: incomplete, left out of the ranking.
  text += Pairwise("a", "b", "q6", nullptr) + Pairwise("b", "a", "q6", "a");
  const auto summary = Summarise(dir.Write("j.jsonl", text), rubric, {"a", "b"});
  const auto& suite = summary["pairwise"][0];
  CHECK(suite["comparisons"] == 5);
  CHECK(suite["incomplete"] == 1);
  CHECK(suite["order_disagreements"] == 1);
  CHECK(suite["position_bias_rate"].get<double>() == Approx(0.2));
  const auto& a = suite["offers"][0];
  CHECK(a["wins"] == 4);
  CHECK(a["ties"] == 1);
  // 4.5 wins against 0.5: t_a = ln 3 (see the Bradley-Terry tests).
  CHECK(a["log_strength"].get<double>() == Approx(std::log(3.0)).epsilon(1e-8));
  CHECK(suite["offers"][1]["log_strength"].get<double>() == Approx(-std::log(3.0)).epsilon(1e-8));
  CHECK(summary["judgments"]["failed"] == 1);
}

TEST_CASE("Pairwise summary: an offer that always loses has no finite strength, and says so", "[judge][summary]") {
  TempDir dir;
  const auto rubric = MakeRubric(etalon::config::JudgeMode::kPairwise);
  const auto summary = Summarise(
      dir.Write("j.jsonl", Pairwise("a", "b", "q1", "a") + Pairwise("b", "a", "q1", "a")), rubric, {"a", "b"});
  const auto& suite = summary["pairwise"][0];
  CHECK(suite["offers"][0]["wins"] == 1);
  CHECK(suite["offers"][0]["log_strength"].is_null());
  CHECK(suite["bradley_terry"]["problem"].is_string());
}
