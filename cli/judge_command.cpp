#include "judge_command.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "etalon/config/judge_config.hpp"
#include "etalon/config/rubric.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/judge/judge_runner.hpp"
#include "etalon/judge/judgment_summary.hpp"
#include "etalon/judge/sample_index.hpp"
#include "etalon/prompt/prompt_renderer.hpp"
#include "etalon/run/fingerprint.hpp"
#include "exit_codes.hpp"
#include "plan_setup.hpp"

namespace etalon::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: etalon judge RUN_DIR --judge FILE.yaml [--out DIR] [--resume] [-q]\n"
    "Has a judge model grade a finished run's answers with a rubric from suites/rubrics/\n"
    "(docs/judge.md). Writes judge.json, judgments.jsonl and judgments.json in DIR (default RUN_DIR).\n"
    "Exit code: 0 done, 2 usage or input error, 3 cut short (resume with --resume).";

std::atomic<bool> g_judge_stop{false};
extern "C" void OnJudgeStopSignal(int /*signal*/) { g_judge_stop.store(true); }

int PrintDiagnostics(const core::Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    std::cerr << "error: " << diagnostic.ToString() << "\n";
  }
  return kExitInputError;
}

// The run's offers (adapters) and suites, in summary order.
void RunContents(const nlohmann::json& summary, std::vector<std::string>& adapters, std::vector<std::string>& suites) {
  for (const auto& cell : summary.value("results", nlohmann::json::array())) {
    const auto adapter = cell.value("adapter", "");
    if (std::find(adapters.begin(), adapters.end(), adapter) == adapters.end()) {
      adapters.push_back(adapter);
    }
  }
  for (const auto& suite : summary.value("suites", nlohmann::json::array())) {
    suites.push_back(suite.value("id", ""));
  }
}

// `wanted` (empty: all of `known`), each checked against the run.
std::vector<std::string> Choose(const std::vector<std::string>& wanted, const std::vector<std::string>& known,
                                const config::JudgeConfig& config, const char* field, core::Diagnostics& diagnostics) {
  if (wanted.empty()) {
    return known;
  }
  for (const auto& id : wanted) {
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      diagnostics.push_back({config.path, 0, field, fmt::format("'{}' is not in the judged run", id)});
    }
  }
  return wanted;
}

nlohmann::json JudgeComponents(const config::JudgeConfig& config, const config::Rubric& rubric) {
  return {{"judge",
           {{"kind", config.judge.kind},
            {"preset", config.judge.preset},
            {"model", config.judge.model},
            {"options", config.judge.options}}},
          {"rubric", {{"id", rubric.id}, {"version", rubric.version}, {"sha256", rubric.sha256}}}};
}

}  // namespace

int RunJudgeCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon judge options");
  options.add_options()
      ("help,h", "show this help")
      ("run", po::value<std::string>(), "the finished run folder to judge")
      ("judge", po::value<std::string>(), "the judge file (YAML): judge adapter, rubric, offers, suites")
      ("out", po::value<std::string>(), "where the judgment files go (default: RUN_DIR); one folder per judging")
      ("resume", po::bool_switch(), "continue an interrupted judging of this run")
      ("quiet,q", po::bool_switch(), "print only errors");
  po::positional_options_description positional;
  positional.add("run", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  for (const char* required : {"run", "judge"}) {
    if (values->count(required) == 0) {
      std::cerr << fmt::format("etalon: judge needs {}\n{}\n", required == std::string("run") ? "RUN_DIR" : "--judge",
                               kUsage);
      return kExitInputError;
    }
  }
  const auto run_dir = (*values)["run"].as<std::string>();
  const auto judge_path = (*values)["judge"].as<std::string>();
  const auto out_dir = values->count("out") != 0 ? (*values)["out"].as<std::string>() : run_dir;
  const bool resume = (*values)["resume"].as<bool>();
  const bool quiet = (*values)["quiet"].as<bool>();

  auto loaded = config::LoadJudgeConfig(judge_path, DefaultSuitesDir(judge_path));
  if (!loaded.config) {
    return PrintDiagnostics(loaded.diagnostics);
  }
  const auto& config = *loaded.config;
  auto rubric_load = config::LoadRubric(config.rubric_path);
  if (!rubric_load.rubric) {
    return PrintDiagnostics(rubric_load.diagnostics);
  }
  const auto& rubric = *rubric_load.rubric;
  core::Diagnostics diagnostics;
  if (const auto error = prompt::PromptRenderer(rubric.template_text, {}).TemplateError()) {
    diagnostics.push_back({rubric.path, 0, "template", *error});
  }

  const auto summary_path = (fs::path(run_dir) / "summary.json").string();
  const auto results_path = (fs::path(run_dir) / "results.jsonl").string();
  nlohmann::json summary;
  {
    std::ifstream file(summary_path);
    if (!file) {
      std::cerr << fmt::format("error: {}: not a finished run (no summary.json); finish or resume the run first\n",
                               run_dir);
      return kExitInputError;
    }
    summary = nlohmann::json::parse(file, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
      std::cerr << fmt::format("error: {}: not valid JSON\n", summary_path);
      return kExitInputError;
    }
  }
  std::vector<std::string> run_adapters;
  std::vector<std::string> run_suites;
  RunContents(summary, run_adapters, run_suites);
  judge::JudgeSettings settings;
  settings.adapters = Choose(config.adapters, run_adapters, config, "adapters", diagnostics);
  settings.suites = Choose(config.suites, run_suites, config, "suites", diagnostics);
  settings.concurrency = config.concurrency;
  settings.stop_requested = &g_judge_stop;
  if (rubric.mode == config::JudgeMode::kPairwise && settings.adapters.size() < 2) {
    diagnostics.push_back({config.path, 0, "adapters", "a pairwise rubric needs at least two offers to compare"});
  }
  const auto samples = judge::LoadSampleIndex(summary, settings.suites, summary_path, diagnostics);

  const adapters::AdapterContext context{config.path, config.concurrency, config.request_timeout_s,
                                         static_cast<std::uint64_t>(config.seed)};
  auto adapter = adapters::MakeAdapter(config.judge, context, diagnostics);
  if (!config.judge.when_env.empty()) {
    const char* value = std::getenv(config.judge.when_env.c_str());
    if (value == nullptr || *value == '\0') {
      diagnostics.push_back({config.path, config.judge.line, "judge.when_env",
                             fmt::format("{} is not set: the judge cannot run", config.judge.when_env)});
    }
  }
  const auto catalog = LoadShippedCatalog(diagnostics);
  if (!diagnostics.empty() || !adapter) {
    return PrintDiagnostics(diagnostics);
  }
  const auto costing = MakeCosting(catalog ? &*catalog : nullptr, config.judge);

  // judge.json pins what judgments depend on, as run.json does for results.
  const auto record_path = (fs::path(out_dir) / "judge.json").string();
  const auto journal_path = (fs::path(out_dir) / "judgments.jsonl").string();
  const auto judgments_json = (fs::path(out_dir) / "judgments.json").string();
  const auto components = JudgeComponents(config, rubric);
  if (!resume && fs::exists(journal_path)) {
    std::cerr << fmt::format("error: {}: judgments exist already; pass --resume to continue them\n", journal_path);
    return kExitInputError;
  }
  if (resume && fs::exists(record_path)) {
    std::ifstream file(record_path);
    const auto stored = nlohmann::json::parse(file, nullptr, false);
    if (stored.is_discarded() || !stored.contains("components")) {
      std::cerr << fmt::format("error: {}: not a judge record\n", record_path);
      return kExitInputError;
    }
    if (const auto difference = run::FingerprintDifference(stored["components"], components)) {
      std::cerr << fmt::format("error: {}: cannot resume: {}\n", record_path, *difference);
      return kExitInputError;
    }
  }
  nlohmann::ordered_json record = {{"schema", 1},
                                   {"started_at", core::NowUtc()},
                                   {"judge_file", config.as_written},
                                   {"components", components},
                                   {"offers", settings.adapters},
                                   {"suites", settings.suites}};
  std::error_code created;
  fs::create_directories(out_dir, created);
  if (created) {
    std::cerr << fmt::format("error: {}: cannot create the folder: {}\n", out_dir, created.message());
    return kExitInputError;
  }
  core::WriteFileAtomically(record_path, record.dump(2) + "\n");
  std::error_code ignored;
  fs::remove(judgments_json, ignored);

  std::vector<std::string> warnings;
  std::optional<run::Journal> journal;
  try {
    journal.emplace(journal_path, resume, warnings);
  } catch (const run::JournalError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  for (const auto& warning : warnings) {
    std::cerr << "warning: " << warning << "\n";
  }
  std::signal(SIGINT, OnJudgeStopSignal);
  std::signal(SIGTERM, OnJudgeStopSignal);
  judge::JudgeRunner runner(rubric, *adapter, config.judge, costing.get(), samples, *journal);
  judge::JudgeTotals totals;
  try {
    totals = runner.Run(results_path, settings);
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  if (totals.fatal_error) {
    std::cerr << "error: " << *totals.fatal_error << "\n";
    return kExitInternalError;
  }
  const auto judgment_summary = judge::BuildJudgmentSummary(
      {journal_path, &rubric, &config.judge, settings.adapters, settings.suites, totals.unpaired});
  if (totals.stopped) {
    std::cerr << fmt::format("judging stopped: {} of {} judgments recorded; resume with --resume\n",
                             totals.already_done + totals.recorded, totals.expected);
    return kExitRunFailed;
  }
  core::WriteFileAtomically(judgments_json, judgment_summary.dump(2) + "\n");
  if (!quiet) {
    std::cout << fmt::format("{} judgments ({} already done, {} new, {} without a verdict) -> {}\n", totals.expected,
                             totals.already_done, totals.recorded, totals.failed, judgments_json);
    for (const auto& offer : judgment_summary["offers"]) {
      if (offer.contains("score")) {
        std::cout << fmt::format("  {} / {}: mean score {} (n={})\n", offer["adapter"].get<std::string>(),
                                 offer["suite"].get<std::string>(), offer["score"]["mean"].dump(),
                                 offer["score"]["n"].dump());
      } else {
        std::cout << fmt::format("  {} / {}: pass rate {} (n={})\n", offer["adapter"].get<std::string>(),
                                 offer["suite"].get<std::string>(), offer["pass"]["rate"].dump(),
                                 offer["pass"]["n"].dump());
      }
    }
    for (const auto& suite : judgment_summary["pairwise"]) {
      std::cout << fmt::format("  {}: {} comparisons, position bias rate {}\n", suite["suite"].get<std::string>(),
                               suite["comparisons"].dump(), suite["position_bias_rate"].dump());
      for (const auto& offer : suite["offers"]) {
        std::cout << fmt::format("    {}: Bradley-Terry log-strength {}\n", offer["adapter"].get<std::string>(),
                                 offer["log_strength"].dump());
      }
    }
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
