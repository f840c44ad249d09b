#include "merge_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/run/fingerprint.hpp"
#include "etalon/run/planned_keys.hpp"
#include "etalon/run/shard_merge.hpp"
#include "etalon/version.hpp"
#include "exit_codes.hpp"
#include "plan_setup.hpp"
#include "report_language.hpp"
#include "run_documents_writer.hpp"

namespace etalon::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: etalon merge SHARD_DIR... --out DIR [--plan PLAN]\n"
    "Joins the run folders of `etalon run PLAN --shard K/N` (all N of them) into one run folder:\n"
    "results.jsonl in key order, run.json naming the shards, summary.json and reports as an\n"
    "unsharded run writes them. The plan is the one the shards' summaries name, unless --plan.";

// How many keys of each kind a message names before it counts the rest.
constexpr std::size_t kKeysNamed = 10;

void PrintKeys(const std::string& what, const std::vector<core::RunKey>& keys) {
  if (keys.empty()) {
    return;
  }
  std::cerr << fmt::format("error: {} key{} {}:\n", keys.size(), keys.size() == 1 ? "" : "s", what);
  for (std::size_t i = 0; i < keys.size() && i < kKeysNamed; ++i) {
    std::cerr << "  " << keys[i].ToString() << "\n";
  }
  if (keys.size() > kKeysNamed) {
    std::cerr << fmt::format("  ... and {} more\n", keys.size() - kKeysNamed);
  }
}

// A shard's summary.json, present only when the shard finished.
std::optional<nlohmann::json> ReadShardSummary(const std::string& folder) {
  std::ifstream in(fs::path(folder) / "summary.json");
  if (!in) {
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> JsonStrings(const nlohmann::json& list) {
  std::vector<std::string> values;
  for (const auto& item : list) {
    values.push_back(item.get<std::string>());
  }
  return values;
}

}  // namespace

int RunMergeCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon merge options");
  options.add_options()
      ("help,h", "show this help")
      ("shards", po::value<std::vector<std::string>>()->multitoken(), "the shards' run folders")
      ("out,o", po::value<std::string>(), "the merged run folder (must not hold a run)")
      ("plan", po::value<std::string>(), "the plan file, when not where the shards' summaries say")
      ("lang", po::value<std::string>()->default_value("fr"), "report language: fr or en");
  po::positional_options_description positional;
  positional.add("shards", -1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  if (values->count("shards") == 0 || values->count("out") == 0) {
    std::cerr << "etalon: merge needs shard folders and --out\n" << kUsage << "\n";
    return kExitInputError;
  }
  const auto language_choice = ReadLanguage(*values);
  if (!language_choice) {
    return kExitInputError;
  }
  const auto language = *language_choice;
  const auto folders = (*values)["shards"].as<std::vector<std::string>>();
  const auto out = (*values)["out"].as<std::string>();

  run::ShardSet shards;
  try {
    shards = run::ReadShardSet(folders, kVersion);
  } catch (const run::ShardMergeError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  bool finished = true;
  std::optional<nlohmann::json> first_summary;
  for (const auto& folder : folders) {
    const auto summary = ReadShardSummary(folder);
    if (!summary || summary->at("run").value("status", "") != "complete") {
      std::cerr << fmt::format("error: {}: the shard did not finish; finish it with etalon run PLAN --shard K/N "
                               "--resume --out {}\n",
                               folder, folder);
      finished = false;
    } else if (!first_summary) {
      first_summary = summary;
    }
  }
  for (const int index : shards.missing_shards) {
    std::cerr << fmt::format("error: shard {}/{} is missing: no folder given holds it\n", index, shards.shard_count);
  }
  if (!finished || !shards.missing_shards.empty()) {
    return kExitRunFailed;
  }

  const auto plan_path = values->count("plan") > 0 ? (*values)["plan"].as<std::string>()
                                                   : first_summary->at("plan").value("path", "");
  PlanSelection selection;
  selection.adapter_ids = JsonStrings(shards.selection.value("adapters", nlohmann::json::array()));
  selection.suite_ids = JsonStrings(shards.selection.value("suites", nlohmann::json::array()));
  if (const auto concurrency = shards.selection.value("concurrency", nlohmann::json(nullptr)); concurrency.is_number()) {
    selection.concurrency = concurrency.get<std::size_t>();  // as the shards resolved the plan
  }
  core::Diagnostics diagnostics;
  auto loaded = LoadPlanForRun(plan_path, selection, diagnostics);
  if (!loaded) {
    for (const auto& diagnostic : diagnostics) {
      std::cerr << "error: " << diagnostic.ToString() << "\n";
    }
    return kExitInputError;
  }
  const auto fingerprint = run::ComputeFingerprint(loaded->plan, loaded->adapter_configs, loaded->suites);
  if (fingerprint.sha256 != shards.fingerprint) {
    std::cerr << fmt::format("error: {}: its fingerprint {} is not the shards' {}: the plan, a suite or a dataset "
                             "changed since the shards ran\n",
                             plan_path, fingerprint.sha256, shards.fingerprint);
    return kExitInputError;
  }
  const auto limit_json = shards.selection.value("limit", nlohmann::json(nullptr));
  const std::optional<std::size_t> limit =
      limit_json.is_number() ? std::optional<std::size_t>(limit_json.get<std::size_t>()) : std::nullopt;
  std::set<core::RunKey> planned;
  run::ForEachPlannedKey(loaded->Assignments(), limit, loaded->plan.repeats,
                         [&planned](const core::RunKey& key) { planned.insert(key); });

  run::MergedResults results;
  try {
    results = run::CollectResults(shards, planned);
  } catch (const run::ShardMergeError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  PrintKeys("in more than one shard", results.doubled);
  PrintKeys("not in the plan", results.unexpected);
  PrintKeys("missing from every shard", results.missing);
  if (!results.doubled.empty() || !results.unexpected.empty()) {
    return kExitInputError;
  }
  if (!results.missing.empty()) {
    return kExitRunFailed;
  }

  std::error_code error;
  if (fs::exists(fs::path(out) / "run.json", error) || fs::exists(fs::path(out) / "results.jsonl", error)) {
    std::cerr << fmt::format("error: {}: this folder already holds a run; choose another --out\n", out);
    return kExitInputError;
  }
  fs::create_directories(out, error);
  if (error) {
    std::cerr << fmt::format("error: {}: cannot create the output folder: {}\n", out, error.message());
    return kExitInputError;
  }
  const auto record = run::MergedRunRecord(shards);
  const auto journal_path = (fs::path(out) / "results.jsonl").string();
  summary::SummaryInput summary_input;
  summary_input.journal_path = journal_path;
  summary_input.run_record = record;
  summary_input.plan = &loaded->plan;
  summary_input.adapter_suites = loaded->AssignmentIds();
  // The shards' own record: the selection above names only the adapters that ran.
  for (const auto& skipped : first_summary->value("skipped_adapters", nlohmann::json::array())) {
    summary_input.skipped_adapters.push_back({skipped.value("id", ""), skipped.value("reason", "")});
  }
  summary_input.suites = &loaded->suites;
  summary_input.limit = limit;
  summary_input.finished_at = core::NowUtc();
  // Each shard measured its own host; the figures are kept apart, never added.
  summary_input.run_energy = {{"shards", nlohmann::json::array()}};
  for (const auto& folder : folders) {
    summary_input.run_energy["shards"].push_back(
        {{"folder", folder}, {"run_energy", ReadShardSummary(folder)->value("run_energy", nlohmann::json(nullptr))}});
  }
  summary::Summary summary;
  auto samples = ReportSamples(summary_input.journal_path);
  summary_input.on_record = [&samples](const summary::SummaryRecord& record, std::string_view line,
                                       std::size_t number) { samples.Add(record, line, number); };
  try {
    core::WriteFileAtomically((fs::path(out) / "run.json").string(), record.dump(2) + "\n");
    core::WriteFileAtomically(journal_path, run::MergedJournal(results));
    summary = summary::BuildSummary(summary_input);
    // Every shard probed its adapters; the first one's model fingerprints stand for the run (docs/model-integrity.md).
    summary.json["model_fingerprints"] =
        ReadShardSummary(folders.front())->value("model_fingerprints", nlohmann::json(nullptr));
    WriteRunDocuments(out, summary.json, language, std::move(samples));
  } catch (const std::exception& write_error) {
    std::cerr << "error: " << write_error.what() << "\n";
    return kExitInternalError;
  }
  std::cout << fmt::format("merged {} shards ({} results) into {}\n", folders.size(), results.lines.size(), out);
  if (summary.totals.error_rate > loaded->plan.max_error_rate) {
    std::cerr << fmt::format("etalon: {} of {} requests failed ({:.1f}%), above the plan's max_error_rate ({:.1f}%)\n",
                             summary.totals.failed, summary.totals.recorded, 100 * summary.totals.error_rate,
                             100 * loaded->plan.max_error_rate);
    return kExitRunFailed;
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
