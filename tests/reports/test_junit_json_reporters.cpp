// Tests for reports/junit_reporter.cpp and reports/json_reporter.cpp.
#include <catch2/catch.hpp>

#include <sstream>

#include "json_reporter.hpp"
#include "junit_reporter.hpp"
#include "support/payload_run.hpp"

using etalon::reports::Language;
using etalon::reports::LoadRunDocuments;

namespace {

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

}  // namespace

TEST_CASE("JUnit: one test case per suite x adapter x threshold; a breached threshold fails", "[reports][integration]") {
  etalon::testing::PayloadRun run(4);
  auto documents = LoadRunDocuments(run.folder);
  std::ostringstream passing;
  etalon::reports::JunitReporter().Write(documents, Language::kEnglish, passing);
  CHECK_THAT(passing.str(), Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"etalon p\" "
                                             "tests=\"4\" failures=\"0\">"));
  CHECK(Count(passing.str(), "<testcase ") == 4);  // 1 suite x 2 adapters x 2 thresholds
  CHECK_THAT(passing.str(), Catch::Contains("timestamp=\"" + documents.summary["run"]["started_at"].get<std::string>()));
  CHECK_THAT(passing.str(), Catch::Contains("name=\"echo: error rate ≤ 0.0 %\""));

  auto& lead = documents.summary["results"][1];
  lead["failed"] = 1;
  lead["error_rate"] = 0.25;
  lead["recorded"] = 3;
  std::ostringstream failing;
  etalon::reports::JunitReporter().Write(documents, Language::kFrench, failing);
  CHECK_THAT(failing.str(), Catch::Contains("failures=\"2\""));
  CHECK_THAT(failing.str(), Catch::Contains("<failure message=\"3 résultats sur 4 enregistrés\">"));
  CHECK_THAT(failing.str(), Catch::Contains("<failure message=\"taux d&#39;erreur 25,0 % (1 requêtes en échec)\">"));
}

TEST_CASE("JSON: the summary as the run wrote it, byte for byte", "[reports][integration]") {
  etalon::testing::PayloadRun run(3);
  std::ostringstream out;
  etalon::reports::JsonReporter().Write(LoadRunDocuments(run.folder), Language::kFrench, out);
  CHECK(out.str() == etalon::testing::ReadFile(run.folder + "/summary.json"));
  // The run wrote each suite's classical floor into it: both adapters are builtins, one is the floor.
  const auto written = nlohmann::ordered_json::parse(out.str());
  for (const auto& suite : written["suites"]) {
    CHECK(suite["floor"]["floor"].is_string());
  }
}
