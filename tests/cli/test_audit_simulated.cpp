// The audit suites end to end: plans/audit-simulated.yaml as shipped, run
// through the openai adapter against two simulators scripted by
// tests/data/audit/make_answers.py, one behaving well and one badly. Each audit
// scorer must tell them apart, and the reports must say so.
#include <catch2/catch.hpp>

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

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The shipped simulator configuration with its answer script found from anywhere.
std::string SimulatorConfig(const std::string& name, const std::string& script) {
  return Replace(ReadFile(kSourceDir + "/plans/audit/" + name), "script: ../../tests/data/audit/" + script,
                 "script: " + kSourceDir + "/tests/data/audit/" + script);
}

double Metric(const nlohmann::json& summary, const std::string& adapter, const std::string& suite,
              const std::string& metric) {
  for (const auto& cell : summary["results"]) {
    if (cell["adapter"] == adapter && cell["suite"] == suite) {
      INFO(adapter << " " << suite << " " << metric);
      REQUIRE(cell["failed"] == 0);
      REQUIRE(cell["metrics"][metric]["value"].is_number());
      return cell["metrics"][metric]["value"].get<double>();
    }
  }
  FAIL("no cell " << adapter << " " << suite);
  return 0;
}

}  // namespace

TEST_CASE("Every audit scorer tells a well-behaved simulated model from a badly-behaved one",
          "[cli][simulator][audit]") {
  SimulatorProcess well(SimulatorConfig("simulateur-conforme.yaml", "reponses-conformes.jsonl"));
  SimulatorProcess badly(SimulatorConfig("simulateur-fautif.yaml", "reponses-fautives.jsonl"));
  TempDir dir;
  std::string plan = ReadFile(kSourceDir + "/plans/audit-simulated.yaml");
  plan = Replace(plan, "http://127.0.0.1:18182/v1", well.base_url());
  plan = Replace(plan, "http://127.0.0.1:18183/v1", badly.base_url());
  const auto out = dir.Path("run");
  const auto result = RunEtalon({"run", dir.Write("audit-simulated.yaml", plan), "--out", out, "-q"}, kNoProxy);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(ReadFile(out + "/summary.json"));
  CHECK(summary["run"]["status"] == "complete");

  CHECK(Metric(summary, "conforme", "audit-refus", "refus") == 1.0);
  CHECK(Metric(summary, "fautif", "audit-refus", "refus") == 0.0);
  CHECK(Metric(summary, "conforme", "audit-sur-refus", "sur_refus") == 0.0);
  CHECK(Metric(summary, "fautif", "audit-sur-refus", "sur_refus") == 1.0);
  CHECK(Metric(summary, "conforme", "audit-donnees-personnelles", "fuite_donnees_personnelles") == 0.0);
  CHECK(Metric(summary, "fautif", "audit-donnees-personnelles", "fuite_donnees_personnelles") == 1.0);
  CHECK(Metric(summary, "conforme", "audit-injection", "resistance_injection") == 1.0);
  CHECK(Metric(summary, "fautif", "audit-injection", "resistance_injection") == 0.0);
  CHECK(Metric(summary, "conforme", "audit-langue", "langue_conforme") == 1.0);
  CHECK(Metric(summary, "fautif", "audit-langue", "langue_conforme") == 0.0);
  CHECK(Metric(summary, "conforme", "audit-equite", "service_oriente") == 1.0);
  // Seniors are all routed to complaints: right only for the 5 complaint templates of 30.
  CHECK(Metric(summary, "fautif", "audit-equite", "service_oriente") == Approx((240.0 + 5 * 8) / 480));
  CHECK(Metric(summary, "conforme", "audit-equite", "ton_courtois") == 1.0);
  // Courteous to men (1), curt to women (-1): a mean of zero, up to rounding.
  CHECK(Metric(summary, "fautif", "audit-equite", "ton_courtois") == Approx(0.0).margin(1e-12));

  // The fairness figures live in the reports' audit section, computed over the variants of each request.
  const auto report = ReadFile(out + "/report.md");
  const auto section = report.find("## Audit éthique");
  REQUIRE(section != std::string::npos);
  const auto well_fairness = report.find("### Équité contrefactuelle — conforme sur audit-equite", section);
  const auto badly_fairness = report.find("### Équité contrefactuelle — fautif sur audit-equite", section);
  REQUIRE(well_fairness != std::string::npos);
  REQUIRE(badly_fairness != std::string::npos);
  const auto well_part = report.substr(well_fairness, badly_fairness - well_fairness);
  const auto badly_part = report.substr(badly_fairness);
  CHECK(well_part.find("30 demandes, 480 réponses. Cohérence de la décision entre variantes d'une même demande : "
                       "100,0 % ; cohérence du service : 100,0 %.") != std::string::npos);
  CHECK(well_part.find("| origine | plus grand écart |  | 0,0 % (maghreb − afrique_subsaharienne), IC 95 % 0,0 % – 0,0 % |") !=
        std::string::npos);
  // Only the five complaint templates keep one service when seniors are all sent to complaints.
  CHECK(badly_part.find("Cohérence de la décision entre variantes d'une même demande : 0,0 % ; cohérence du "
                        "service : 16,7 %.") != std::string::npos);
  CHECK(badly_part.find("| origine | plus grand écart |  | 80,0 % (france − afrique_subsaharienne), IC 95 % ") !=
        std::string::npos);
  CHECK(badly_part.find("| genre | plus grand écart |  | 0,0 % (m − f), IC 95 % 0,0 % – 0,0 % |") != std::string::npos);
  CHECK(badly_part.find("| 2,00 |") != std::string::npos);  // tone: 1 for men, -1 for women
  CHECK(report.find("Transparence des modèles", section) != std::string::npos);
  CHECK(report.find("| conforme | audit-refus | refus | 100,0 % |", section) != std::string::npos);
  CHECK(report.find("| fautif | audit-refus | refus | 0,0 % |", section) != std::string::npos);
  CHECK(ReadFile(out + "/report.html").find("id=\"audit\"") != std::string::npos);
}

TEST_CASE("etalon list languages states the identifier's held-out accuracy", "[cli][audit]") {
  const auto result = RunEtalon({"list", "languages"});
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("languages: de, en, es, fr, it\nheld-out accuracy: "));
  CHECK_THAT(result.out, Catch::Contains(" on 40 sentences never seen in training\n"));
}
