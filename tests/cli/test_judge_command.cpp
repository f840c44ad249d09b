// `etalon judge` end to end: a run of two offers (a good one and a bad one,
// replayed from dataset fields by builtin:echo), judged by the openai
// adapter against `etalon simulate`, whose answer script matches the
// rendered rubric. Shows that the better offer scores higher and wins the
// Bradley-Terry ranking, that both orders of every pair are asked, that an
// unreadable verdict is a counted error with its text, and that a resume
// never asks or records a judgment twice.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/simulator_process.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::SimulatorProcess;
using etalon::testing::TempDir;

namespace {

const std::string kSourceDir = ETALON_SOURCE_DIR;
// Loopback requests must never go through a proxy the machine may have set.
const std::vector<std::string>& kNoProxy = etalon::testing::LoopbackEnvironment();

std::vector<nlohmann::json> JsonLines(const std::string& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream text(ReadFile(path));
  for (std::string line; std::getline(text, line);) {
    if (!line.empty()) {
      lines.push_back(nlohmann::json::parse(line));
    }
  }
  return lines;
}

std::string ScriptLine(const std::string& match, const std::string& answer) {
  return nlohmann::json{{"match", match}, {"answer", answer}}.dump() + "\n";
}

// The judge's answers, first match wins: sample 0's good answer gets prose
// without a verdict; on sample 5 the judge prefers whichever answer is shown
// first (position bias); otherwise the exact answers win and score 5.
std::string JudgeScript() {
  const std::string a = R"({"raisonnement": "La réponse A suit la référence.", "gagnant": "A"})";
  const std::string b = R"({"raisonnement": "La réponse B suit la référence.", "gagnant": "B"})";
  return ScriptLine("embrouillée", "Je ne sais pas noter cette réponse.") +
         ScriptLine("<reponse_a>\nRéponse exacte numéro 5", a) + ScriptLine("<reponse_a>\nRéponse fausse numéro 5", a) +
         ScriptLine("<reponse_a>\nRéponse exacte", a) + ScriptLine("<reponse_a>\nRéponse fausse", b) +
         ScriptLine("Réponse exacte",
                    "Évaluation :\n```json\n{\"raisonnement\": \"Conforme à la référence.\", \"note\": 5}\n```") +
         ScriptLine("Réponse fausse", R"({"raisonnement": "Contredit la référence.", "note": 2})");
}

// Six questions; `bonne` and `mauvaise` are the two offers' answers; humans scored the good ones.
struct JudgedProject {
  TempDir dir;
  std::string run;

  JudgedProject() {
    std::string data;
    for (int i = 0; i < 6; ++i) {
      const auto n = std::to_string(i);
      data += nlohmann::json{{"id", "q" + n},
                             {"question", "Question numéro " + n + " ?"},
                             {"reference", "Référence " + n + "."},
                             {"bonne", i == 0 ? "Réponse embrouillée numéro 0." : "Réponse exacte numéro " + n + "."},
                             {"mauvaise", "Réponse fausse numéro " + n + "."},
                             {"human_score", i == 5 ? 4 : 5}}
                  .dump() +
              "\n";
    }
    dir.Write("datasets/d.jsonl", data);
    dir.Write("suites/s.yaml",
              "id: s\ntask: qa\ndataset: ../datasets/d.jsonl\ntemplate: \"{{question}}\"\nmetrics: [token_f1]\n");
    const auto plan = dir.Write("plans/p.yaml",
                                "name: p\nsuites: [s]\nadapters:\n"
                                "  - {id: bonne, kind: \"builtin:echo\", options: {field: bonne}}\n"
                                "  - {id: mauvaise, kind: \"builtin:echo\", options: {field: mauvaise}}\n");
    run = dir.Path("run");
    const auto result = RunEtalon({"run", plan, "--out", run, "-q"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
  }

  std::string JudgeFile(const std::string& name, const std::string& rubric, const std::string& base_url) const {
    return dir.Write("judges/" + name + ".yaml",
                     "judge:\n  id: juge\n  kind: openai\n  model: simulated-chat\n  options: {base_url: \"" +
                         base_url + "\"}\nrubric: " + rubric + "\nsuites_dir: " + kSourceDir +
                         "/suites\nconcurrency: 3\n");
  }
};

std::size_t LogLines(const SimulatorProcess& simulator) { return JsonLines(simulator.log_path()).size(); }

}  // namespace

TEST_CASE("etalon judge scores two offers with the simulator as judge, counts unreadable verdicts, resumes once",
          "[cli][judge][simulator]") {
  JudgedProject project;
  const auto script = project.dir.Write("judge-answers.jsonl", JudgeScript());
  SimulatorProcess simulator("model: simulated-chat\nanswers: {mode: fixed, fixed_text: rien, script: " + script + "}\n");
  const auto judge_file = project.JudgeFile("score", "exactitude", simulator.base_url());
  const auto results_before = ReadFile(project.run + "/results.jsonl");
  const auto run_summary_before = ReadFile(project.run + "/summary.json");

  auto result = RunEtalon({"judge", project.run, "--judge", judge_file}, kNoProxy);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("12 judgments (0 already done, 12 new, 1 without a verdict)") != std::string::npos);
  CHECK(LogLines(simulator) == 12);

  const auto judgments = JsonLines(project.run + "/judgments.jsonl");
  REQUIRE(judgments.size() == 12);
  std::size_t unreadable = 0;
  for (const auto& judgment : judgments) {
    CHECK(judgment["rubric"]["id"] == "exactitude");
    CHECK(judgment["rubric"]["sha256"].get<std::string>().size() == 64);
    CHECK(judgment["judge"]["served_model"] == "simulated-chat");
    CHECK(judgment["judge_usage"]["input_tokens"].get<int>() > 0);
    if (!judgment["ok"].get<bool>()) {
      ++unreadable;
      CHECK(judgment["adapter"] == "bonne");
      CHECK(judgment["sample"] == "q0");
      CHECK(judgment["error"]["kind"] == "unparsable_verdict");
      CHECK(judgment["verdict_text"] == "Je ne sais pas noter cette réponse.");
    } else {
      CHECK(judgment["score"] == (judgment["adapter"] == "bonne" ? 5 : 2));
      CHECK_FALSE(judgment["reasoning"].get<std::string>().empty());
    }
  }
  CHECK(unreadable == 1);

  const auto summary = nlohmann::json::parse(ReadFile(project.run + "/judgments.json"));
  CHECK(summary["judgments"]["failures"]["unparsable_verdict"] == 1);
  const auto& good = summary["offers"][0];
  const auto& bad = summary["offers"][1];
  CHECK(good["adapter"] == "bonne");
  CHECK(good["score"]["mean"].get<double>() == 5);
  CHECK(good["score"]["n"] == 5);
  CHECK(bad["score"]["mean"].get<double>() == 2);
  CHECK(bad["score"]["n"] == 6);
  CHECK(good["human_agreement"]["items"] == 5);
  // The judge's own spend, priced from the catalog's fixture entry, apart from the run's.
  CHECK(summary["judge_spend"]["requests"] == 12);
  CHECK(summary["judge_spend"]["eur"].get<double>() > 0);
  CHECK(summary["judge_spend"]["energy"]["methods"].size() == 1);
  CHECK(ReadFile(project.run + "/results.jsonl") == results_before);
  CHECK(ReadFile(project.run + "/summary.json") == run_summary_before);

  // `etalon report` shows the judgments in report.md and report.html, the judge's cost apart.
  result = RunEtalon({"report", project.run, "--format", "md,html"});
  REQUIRE(result.exit_code == 0);
  const auto markdown = ReadFile(project.run + "/report.md");
  CHECK(markdown.find("## Évaluation par un modèle juge") != std::string::npos);
  CHECK(markdown.find("| bonne | s | 5 | 1 | 5,00 [5,00 ; 5,00] |") != std::string::npos);
  CHECK(markdown.find("Coût propre du juge, hors coût des offres : 12 requêtes") != std::string::npos);
  const auto html = ReadFile(project.run + "/report.html");
  CHECK(html.find("<section id=\"judgments\"") != std::string::npos);
  CHECK(html.find("<td>5,00 [5,00 ; 5,00]</td>") != std::string::npos);

  // A second judging without --resume is refused; a resume after a kill asks only what is missing.
  result = RunEtalon({"judge", project.run, "--judge", judge_file}, kNoProxy);
  CHECK(result.exit_code == 2);
  std::string kept;
  std::istringstream lines(ReadFile(project.run + "/judgments.jsonl"));
  for (int i = 0; i < 7; ++i) {
    std::string line;
    std::getline(lines, line);
    kept += line + "\n";
  }
  project.dir.Write("run/judgments.jsonl", kept);
  result = RunEtalon({"judge", project.run, "--judge", judge_file, "--resume"}, kNoProxy);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("12 judgments (7 already done, 5 new") != std::string::npos);
  CHECK(LogLines(simulator) == 17);
  std::set<std::string> keys;
  for (const auto& judgment : JsonLines(project.run + "/judgments.jsonl")) {
    CHECK(keys.insert(judgment["adapter"].get<std::string>() + "/" + judgment["sample"].get<std::string>()).second);
  }
  CHECK(keys.size() == 12);
  result = RunEtalon({"judge", project.run, "--judge", judge_file, "--resume"}, kNoProxy);
  REQUIRE(result.exit_code == 0);
  CHECK(LogLines(simulator) == 17);
  // The same verdicts and prices; EcoLogits energy follows each request's measured time, so it is not compared.
  auto resumed = nlohmann::json::parse(ReadFile(project.run + "/judgments.json"));
  CHECK(resumed["judge_spend"]["eur"] == summary["judge_spend"]["eur"]);
  auto expected = summary;
  resumed.erase("judge_spend");
  expected.erase("judge_spend");
  CHECK(resumed == expected);
}

TEST_CASE("etalon judge pairwise asks both orders, ties a disagreement and ranks the better offer first",
          "[cli][judge][simulator]") {
  JudgedProject project;
  const auto script = project.dir.Write("judge-answers.jsonl", JudgeScript());
  SimulatorProcess simulator("model: simulated-chat\nanswers: {mode: fixed, fixed_text: rien, script: " + script + "}\n");
  const auto judge_file = project.JudgeFile("pairs", "preference", simulator.base_url());
  const auto out = project.dir.Path("run/preference");

  const auto result = RunEtalon({"judge", project.run, "--judge", judge_file, "--out", out}, kNoProxy);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // 6 samples x 2 orders, each asked once.
  CHECK(LogLines(simulator) == 12);
  std::set<std::string> orders;
  for (const auto& judgment : JsonLines(out + "/judgments.jsonl")) {
    orders.insert(judgment["adapter"].get<std::string>());
    CHECK(judgment["offers"].size() == 2);
  }
  CHECK(orders == std::set<std::string>{"bonne/mauvaise", "mauvaise/bonne"});

  const auto summary = nlohmann::json::parse(ReadFile(out + "/judgments.json"));
  const auto& suite = summary["pairwise"][0];
  // q0: both orders unreadable (incomplete); q1-q4: the good offer in both orders; q5: position bias, a tie.
  CHECK(suite["comparisons"] == 5);
  CHECK(suite["incomplete"] == 1);
  CHECK(suite["order_disagreements"] == 1);
  CHECK(suite["position_bias_rate"].get<double>() == Approx(0.2));
  const auto& good = suite["offers"][0];
  CHECK(good["adapter"] == "bonne");
  CHECK(good["wins"] == 4);
  CHECK(good["ties"] == 1);
  // 4.5 wins against 0.5: log-strength ln 3, the interval clear of the other offer's.
  CHECK(good["log_strength"].get<double>() == Approx(std::log(3.0)).epsilon(1e-8));
  CHECK(good["log_strength"].get<double>() > suite["offers"][1]["log_strength"].get<double>());
  CHECK(summary["judgments"]["failures"]["unparsable_verdict"] == 2);
}

TEST_CASE("etalon judge refuses what it cannot judge before asking anything", "[cli][judge]") {
  JudgedProject project;
  const auto judge_file = project.JudgeFile("pairs", "preference", "http://127.0.0.1:9/v1");
  // etalon validate checks judge files and the shipped rubrics too.
  const auto one_offer = project.dir.Write("judges/one.yaml", ReadFile(judge_file) + "adapters: [bonne]\n");
  auto validated = RunEtalon({"validate", one_offer, kSourceDir + "/suites/rubrics"});
  INFO(validated.err);
  CHECK(validated.exit_code == 0);
  CHECK(validated.out.find("ok: " + one_offer) != std::string::npos);
  CHECK(validated.out.find("ok: " + kSourceDir + "/suites/rubrics/preference.yaml") != std::string::npos);
  // A pairwise rubric needs two offers.
  auto result = RunEtalon({"judge", project.run, "--judge", one_offer});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("at least two offers") != std::string::npos);
  // An offer the run does not have.
  const auto unknown = project.dir.Write("judges/unknown.yaml", ReadFile(judge_file) + "adapters: [bonne, autre]\n");
  result = RunEtalon({"judge", project.run, "--judge", unknown});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("'autre' is not in the judged run") != std::string::npos);
  // An unfinished run.
  std::filesystem::remove(project.run + "/summary.json");
  result = RunEtalon({"judge", project.run, "--judge", judge_file});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("not a finished run") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(project.run + "/judgments.jsonl"));
}
