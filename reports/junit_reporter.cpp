#include "junit_reporter.hpp"

#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "markup_writer.hpp"
#include "report_text.hpp"

namespace etalon::reports {

namespace {

using Json = nlohmann::ordered_json;

struct Case {
  std::string name;
  std::optional<std::string> failure;  // what went wrong, when the threshold is not met
  std::string output;                  // the cell's figures
};

std::vector<Case> CasesOf(const Json& result, double max_error_rate, Language language) {
  const auto adapter = result.at("adapter").get<std::string>();
  std::string figures;
  for (const auto& [name, metric] : result.at("metrics").items()) {
    figures += fmt::format("{} = {}\n", name,
                           metric.at("value").is_number() ? FormatNumber(metric.at("value").get<double>(), 4, language)
                                                          : std::string("—"));
  }
  std::vector<Case> cases;
  const auto recorded = result.at("recorded").get<std::size_t>();
  const auto expected = result.at("expected").get<std::size_t>();
  Case complete{fmt::format("{}: {}", adapter, Say(language, "tous les résultats attendus", "all expected results")),
                std::nullopt, figures};
  if (recorded < expected) {
    complete.failure = SayFormat(language, "{} résultats sur {} enregistrés", "{} of {} results recorded",
                                   recorded, expected);
  }
  cases.push_back(complete);
  const double error_rate = result.at("error_rate").get<double>();
  Case errors{fmt::format("{}: {} ≤ {} %", adapter, Say(language, "taux d'erreur", "error rate"),
                          FormatNumber(100 * max_error_rate, 1, language)),
              std::nullopt, figures};
  if (error_rate > max_error_rate) {
    errors.failure = SayFormat(language, "taux d'erreur {} % ({} requêtes en échec)", "error rate {}% ({} failed requests)",
                                 FormatNumber(100 * error_rate, 1, language), result.at("failed").get<std::size_t>());
  }
  cases.push_back(errors);
  return cases;
}

}  // namespace

void JunitReporter::Write(const RunDocuments& run, Language language, std::ostream& out) const {
  try {
    const auto& summary = run.summary;
    const double max_error_rate = summary.at("totals").at("max_error_rate").get<double>();
    std::vector<std::pair<std::string, std::vector<Case>>> suites;
    std::size_t tests = 0, failures = 0;
    for (const auto& suite : summary.at("suites")) {
      std::vector<Case> cases;
      for (const auto& result : summary.at("results")) {
        if (result.at("suite") != suite.at("id")) continue;
        for (auto& test : CasesOf(result, max_error_rate, language)) cases.push_back(std::move(test));
      }
      for (const auto& test : cases) failures += test.failure ? 1 : 0;
      tests += cases.size();
      suites.emplace_back(suite.at("id").get<std::string>(), std::move(cases));
    }
    MarkupWriter writer(out);
    writer.Trusted("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    writer.Open("testsuites", {{"name", "etalon " + summary.at("run").at("plan").get<std::string>()},
                               {"tests", std::to_string(tests)},
                               {"failures", std::to_string(failures)}});
    for (const auto& [suite_id, cases] : suites) {
      std::size_t suite_failures = 0;
      for (const auto& test : cases) suite_failures += test.failure ? 1 : 0;
      writer.Trusted("\n  ");
      writer.Open("testsuite", {{"name", suite_id},
                                {"tests", std::to_string(cases.size())},
                                {"failures", std::to_string(suite_failures)},
                                {"errors", "0"},
                                {"timestamp", summary.at("run").at("started_at").get<std::string>()}});
      for (const auto& test : cases) {
        writer.Trusted("\n    ");
        writer.Open("testcase", {{"classname", "etalon." + suite_id}, {"name", test.name}});
        if (test.failure) {
          writer.Element("failure", {{"message", *test.failure}}, *test.failure);
        }
        writer.Element("system-out", {}, test.output).Close("testcase");
      }
      writer.Trusted("\n  ").Close("testsuite");
    }
    writer.Trusted("\n").Close("testsuites").Trusted("\n");
  } catch (const nlohmann::ordered_json::exception& error) {
    throw std::runtime_error(fmt::format("{}/summary.json: missing or malformed field: {}", run.run_folder, error.what()));
  }
}

}  // namespace etalon::reports
