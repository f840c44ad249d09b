// The etalon command: picks the subcommand and hands it the remaining words.
// Every subcommand lives in its own file; nothing here but dispatch.
#include <algorithm>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "award_command.hpp"
#include "etalon/version.hpp"
#include "compare_command.hpp"
#include "exit_codes.hpp"
#include "gate_command.hpp"
#include "import_command.hpp"
#include "judge_command.hpp"
#include "list_command.hpp"
#include "report_command.hpp"
#include "merge_command.hpp"
#include "publish_command.hpp"
#include "run_command.hpp"
#include "score_command.hpp"
#include "simulate_command.hpp"
#include "validate_command.hpp"
#include "verify_command.hpp"
#include "verify_model_command.hpp"

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand> subcommands = {
      {"run", "run a plan: adapters x suites, results and reports in a run folder", etalon::cli::RunRunCommand},
      {"validate", "check plans, suites and datasets; print every problem", etalon::cli::RunValidateCommand},
      {"list", "list suites, adapters, metrics or reporters", etalon::cli::RunListCommand},
      {"report", "render a finished run's reports again (html, md, csv, json, junit)", etalon::cli::RunReportCommand},
      {"publish", "build a static site over runs: leaderboard, run pages, evidence, manifest.json",
       etalon::cli::RunPublishCommand},
      {"verify", "check a published site's files against its manifest.json", etalon::cli::RunVerifyCommand},
      {"compare", "compare offers across runs: paired differences with CIs and p-values, Pareto fronts",
       etalon::cli::RunCompareCommand},
      {"gate", "check a run against a baseline and a policy; JUnit and Markdown out", etalon::cli::RunGateCommand},
      {"judge", "have a judge model grade a finished run's answers with a rubric", etalon::cli::RunJudgeCommand},
      {"award", "score runs' adapters as offers of a public contract: award table, sensitivity",
       etalon::cli::RunAwardCommand},
      {"merge", "join the run folders of a plan's shards into one run", etalon::cli::RunMergeCommand},
      {"import", "turn a spreadsheet export (CSV) into a dataset folder", etalon::cli::RunImportCommand},
      {"score", "score plain-text files (one segment a line) with a metric, like sacrebleu's CLI",
       etalon::cli::RunScoreCommand},
      {"verify-model", "ask a run's model fingerprint probes again: same, drifted or different model",
       etalon::cli::RunVerifyModelCommand},
      {"simulate", "serve simulated vendor APIs on 127.0.0.1 for tests and benchmarks", etalon::cli::RunSimulateCommand},
  };
  return subcommands;
}

void PrintUsage(std::ostream& out) {
  out << "usage: etalon <command> [options]   (etalon <command> --help for its options)\n\n"
         "etalon measures AI models and APIs on French public-sector tasks: quality,\n"
         "latency and cost, with results a buyer or an auditor can check.\n\ncommands:\n";
  for (const auto& subcommand : Subcommands()) {
    const std::string name = subcommand.name;
    out << "  " << name << std::string(std::max<std::size_t>(10, name.size() + 1) - name.size(), ' ')
        << subcommand.summary << "\n";
  }
  out << "\nexit codes: 0 success, 1 regression (gate), altered evidence (verify)\n"
         "            or a drifted or different model (verify-model), 2 usage or input error,\n"
         "            3 run incomplete or failed requests above tolerance, 4 internal error\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    PrintUsage(words.empty() ? std::cerr : std::cout);
    return words.empty() ? etalon::cli::kExitInputError : etalon::cli::kExitSuccess;
  }
  if (words[0] == "--version" || words[0] == "version") {
    std::cout << "etalon " << etalon::kVersion << " (git " << etalon::kGitSha << (etalon::kGitDirty ? ", dirty" : "")
              << ")\n";
    return etalon::cli::kExitSuccess;
  }
  for (const auto& subcommand : Subcommands()) {
    if (words[0] == subcommand.name) {
      try {
        return subcommand.run(std::vector<std::string>(words.begin() + 1, words.end()));
      } catch (const std::exception& error) {
        std::cerr << "etalon: internal error: " << error.what() << "\n";
        return etalon::cli::kExitInternalError;
      }
    }
  }
  std::cerr << "etalon: unknown command '" << words[0] << "'\n";
  PrintUsage(std::cerr);
  return etalon::cli::kExitInputError;
}
