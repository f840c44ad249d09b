#include "gate_command.hpp"

#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/gate/gate_evaluation.hpp"
#include "etalon/reports/gate_report.hpp"
#include "exit_codes.hpp"
#include "report_language.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon gate --baseline RUN_OR_SUMMARY --current RUN_OR_SUMMARY --policy FILE.yaml\n"
    "Checks the current run against the policy and the baseline (docs/gate.md); writes JUnit XML\n"
    "and a Markdown summary. Exit code: 0 pass, 1 regression, 2 usage or input error,\n"
    "3 the current run is incomplete or its failed requests exceed its plan's tolerance.";

int ExitCodeOf(gate::Verdict verdict) {
  switch (verdict) {
    case gate::Verdict::kPass: return kExitSuccess;
    case gate::Verdict::kRegression: return kExitRegression;
    case gate::Verdict::kIncomplete: return kExitRunFailed;
  }
  return kExitInternalError;  // unreachable: every verdict is handled above
}

}  // namespace

int RunGateCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon gate options");
  options.add_options()
      ("help,h", "show this help")
      ("baseline", po::value<std::string>(), "the reference: a run folder or its summary.json")
      ("current", po::value<std::string>(), "the run to judge: a run folder or its summary.json")
      ("policy", po::value<std::string>(), "the policy file (YAML)")
      ("junit", po::value<std::string>()->default_value("etalon-gate.xml"), "where to write the JUnit XML")
      ("markdown", po::value<std::string>()->default_value("etalon-gate.md"), "where to write the Markdown summary")
      ("lang", po::value<std::string>()->default_value("fr"), "Markdown language: fr or en");
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, {}, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  for (const char* required : {"baseline", "current", "policy"}) {
    if (values->count(required) == 0) {
      std::cerr << fmt::format("etalon: gate needs --{}\n{}\n", required, kUsage);
      return kExitInputError;
    }
  }
  const auto language_choice = ReadLanguage(*values);
  if (!language_choice) {
    return kExitInputError;
  }
  const auto language = *language_choice;

  core::Diagnostics diagnostics;
  const auto policy = gate::LoadGatePolicy((*values)["policy"].as<std::string>(), diagnostics);
  if (!policy) {
    for (const auto& diagnostic : diagnostics) {
      std::cerr << "error: " << diagnostic.ToString() << "\n";
    }
    return kExitInputError;
  }
  gate::GateOutcome outcome;
  try {
    const auto baseline = gate::LoadGateRun((*values)["baseline"].as<std::string>());
    const auto current = gate::LoadGateRun((*values)["current"].as<std::string>());
    outcome = gate::EvaluateGate(*policy, baseline, current);
  } catch (const gate::GateInputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }

  std::ostringstream junit;
  reports::WriteGateJunit(outcome, junit);
  std::ostringstream markdown;
  reports::WriteGateMarkdown(outcome, language,
                             markdown);
  try {
    core::WriteFileAtomically((*values)["junit"].as<std::string>(), junit.str());
    core::WriteFileAtomically((*values)["markdown"].as<std::string>(), markdown.str());
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }

  for (const auto& reason : outcome.incomplete) {
    std::cerr << "incomplete: " << reason << "\n";
  }
  for (const auto& check : outcome.checks) {
    if (!check.passed) {
      std::cerr << "FAIL " << check.Name() << "\n";
    }
  }
  const auto verdict = outcome.verdict();
  std::cout << fmt::format("gate: {} ({} of {} checks failed); junit: {}, markdown: {}\n",
                           verdict == gate::Verdict::kPass         ? "pass"
                           : verdict == gate::Verdict::kRegression ? "regression"
                                                                   : "current run incomplete, not judged",
                           outcome.failed(), outcome.checks.size(), (*values)["junit"].as<std::string>(),
                           (*values)["markdown"].as<std::string>());
  return ExitCodeOf(verdict);
}

}  // namespace etalon::cli
