#include "run_command.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/meters/meter_choice.hpp"
#include "etalon/reports/reporter.hpp"
#include "etalon/run/fingerprint.hpp"
#include "etalon/run/journal_follower.hpp"
#include "etalon/run/planned_keys.hpp"
#include "etalon/run/run_folder.hpp"
#include "etalon/run/run_projection.hpp"
#include "etalon/run/runner.hpp"
#include "etalon/run/shard.hpp"
#include "exit_codes.hpp"
#include "model_probes.hpp"
#include "plan_setup.hpp"
#include "report_language.hpp"
#include "run_documents_writer.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage = "usage: etalon run [PLAN] [options]\n"
                               "Runs a plan (default: plans/demo.yaml) and writes results.jsonl, summary.json\n"
                               "report.html and report.md into its run folder.";

// What a run leaves for people; `etalon report` writes the other formats.

std::atomic<bool> g_stop_requested{false};

extern "C" void OnStopSignal(int /*signal*/) { g_stop_requested.store(true); }

std::string DefaultOutFolder(const std::string& plan_name) {
  const auto now = core::NowUtc();  // 2026-11-28T10:22:14.123Z
  std::string stamp;
  for (const char c : now.substr(0, 19)) {
    if (c != '-' && c != ':') {
      stamp.push_back(c == 'T' ? '-' : c);
    }
  }
  return fmt::format("runs/{}-{}", plan_name, stamp);
}

void PrintDiagnostics(const core::Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    std::cerr << "error: " << diagnostic.ToString() << "\n";
  }
  std::cerr << fmt::format("etalon: {} problem{} found; nothing was run\n", diagnostics.size(),
                           diagnostics.size() == 1 ? "" : "s");
}

std::string BoundsText(const std::optional<meters::Bounds>& bounds, double scale, const char* format) {
  if (!bounds) {
    return "n/a";
  }
  return fmt::format(fmt::runtime(std::string(format) + "-" + format), bounds->low * scale, bounds->high * scale);
}

struct ProjectionTotals {
  double eur = 0;
  std::size_t unpriced_cells = 0;
  std::optional<meters::Bounds> joules;
};

ProjectionTotals SumProjection(const std::vector<run::CellProjection>& cells) {
  ProjectionTotals totals;
  for (const auto& cell : cells) {
    if (cell.eur) {
      totals.eur += *cell.eur;
    } else {
      ++totals.unpriced_cells;
    }
    if (cell.joules) {
      totals.joules = meters::Bounds{totals.joules.value_or(meters::Bounds{}).low + cell.joules->low,
                                     totals.joules.value_or(meters::Bounds{}).high + cell.joules->high};
    }
  }
  return totals;
}

void PrintProjection(const std::vector<run::CellProjection>& cells, const ProjectionTotals& totals) {
  std::cout << fmt::format("projection, before any request: tokens at {} characters each, output at the suite's "
                           "max_tokens (or {}); energy and compute time are EcoLogits estimates for remote models\n",
                           run::kCharactersPerToken, run::kProjectedOutputTokens);
  std::cout << fmt::format("{:<20} {:<28} {:>8} {:>12} {:>12} {:>10} {:>22} {:>20}\n", "adapter", "suite", "requests",
                           "in tokens", "out tokens", "EUR", "kWh (low-high)", "compute s (low-high)");
  for (const auto& cell : cells) {
    std::cout << fmt::format("{:<20} {:<28} {:>8} {:>12.0f} {:>12.0f} {:>10} {:>22} {:>20}\n", cell.adapter,
                             cell.suite, cell.requests, cell.input_tokens, cell.output_tokens,
                             cell.eur ? fmt::format("{:.4f}", *cell.eur) : "n/a",
                             BoundsText(cell.joules, 1 / 3.6e6, "{:.6f}"), BoundsText(cell.compute_s, 1, "{:.0f}"));
  }
  std::cout << fmt::format("total: {:.4f} EUR ({} cell{} without a catalog price), {} kWh estimated; "
                           "local engines are measured during the run, not projected\n",
                           totals.eur, totals.unpriced_cells, totals.unpriced_cells == 1 ? "" : "s",
                           BoundsText(totals.joules, 1 / 3.6e6, "{:.6f}"));
}

// Why the projected run would exceed the plan's budget, or std::nullopt.
std::optional<std::string> ProjectionOverBudget(const config::Budget& budget, const ProjectionTotals& totals) {
  if (budget.eur && totals.eur > *budget.eur) {
    return fmt::format("projected cost {:.4f} EUR is above the plan's budget of {:.4f} EUR", totals.eur, *budget.eur);
  }
  if (budget.kwh && totals.joules && (totals.joules->low + totals.joules->high) / 2 / 3.6e6 > *budget.kwh) {
    return fmt::format("projected energy {:.6f} kWh (middle of the estimate) is above the plan's budget of {:.6f} kWh",
                       (totals.joules->low + totals.joules->high) / 2 / 3.6e6, *budget.kwh);
  }
  return std::nullopt;
}

// Destroys the adapters on a thread of their own, which the returned handle
// joins. Their HTTP connections close there (a FIN each, which loopback
// processes within the call: about 1 ms for 50 connections, measured with
// kernel tracepoints), while the run's documents are written.
std::jthread CloseInBackground(std::vector<std::unique_ptr<core::Adapter>> adapters) {
  try {
    return std::jthread([adapters = std::move(adapters)]() mutable { adapters.clear(); });
  } catch (const std::system_error&) {
    adapters.clear();  // no thread to spare: closed here, as before
    return {};
  }
}

}  // namespace

int RunRunCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon run options");
  options.add_options()
      ("help,h", "show this help")
      ("plan", po::value<std::string>(), "the plan file (default: plans/demo.yaml of the data root)")
      ("out,o", po::value<std::string>(), "run folder (default: runs/<plan>-<UTC time>)")
      ("resume", po::bool_switch(), "finish the run in --out: keys already in results.jsonl are not run again")
      ("limit", po::value<std::size_t>(), "run only the first N samples of each suite")
      ("concurrency", po::value<std::size_t>(), "requests in flight per adapter (overrides the plan)")
      ("adapters", po::value<std::string>(), "comma-separated adapter ids to run (default: all)")
      ("suites", po::value<std::string>(), "comma-separated suite ids to run (default: all)")
      ("shard", po::value<std::string>(), "run only shard K of N (K/N, docs/sharding.md); join shards with etalon merge")
      ("lang", po::value<std::string>()->default_value("fr"), "report language: fr or en")
      ("quiet,q", po::bool_switch(), "no progress line")
      ("dry-run", po::bool_switch(), "project cost, energy and compute time from the catalog, send nothing");
  po::positional_options_description positional;
  positional.add("plan", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto language_choice = ReadLanguage(*values);
  if (!language_choice) {
    return kExitInputError;
  }
  const auto language = *language_choice;

  PlanSelection selection;
  if (values->count("adapters") > 0) selection.adapter_ids = SplitList((*values)["adapters"].as<std::string>());
  if (values->count("suites") > 0) selection.suite_ids = SplitList((*values)["suites"].as<std::string>());
  if (values->count("concurrency") > 0) {
    selection.concurrency = (*values)["concurrency"].as<std::size_t>();
    if (*selection.concurrency < 1 || *selection.concurrency > 4096) {
      std::cerr << "etalon: --concurrency must be between 1 and 4096\n";
      return kExitInputError;
    }
  }
  std::optional<std::size_t> limit;
  if (values->count("limit") > 0) {
    limit = (*values)["limit"].as<std::size_t>();
  }
  std::optional<run::Shard> shard;
  if (values->count("shard") > 0) {
    std::string error;
    shard = run::ParseShard((*values)["shard"].as<std::string>(), error);
    if (!shard) {
      std::cerr << "etalon: --shard: " << error << "\n";
      return kExitInputError;
    }
  }
  const auto plan_path = values->count("plan") > 0 ? (*values)["plan"].as<std::string>()
                                                   : (std::filesystem::path(DataRoot()) / "plans" / "demo.yaml").string();

  // The meter is chosen while the plan is read: opening NVML on a GPU machine
  // takes tens of milliseconds, and its library search must not queue behind
  // libcurl's loading for the loader's lock (adapters/http/curl_library.hpp).
  auto meter_choosing = std::async(std::launch::async, [] { return meters::ChooseMeter(); });
  core::Diagnostics diagnostics;
  auto loaded = LoadPlanForRun(plan_path, selection, diagnostics);
  if (!loaded) {
    PrintDiagnostics(diagnostics);
    return kExitInputError;
  }
  const auto& plan = loaded->plan;
  for (const auto& skipped : loaded->skipped) {
    std::cerr << fmt::format("notice: adapter '{}' skipped: {}\n", skipped.id, skipped.reason);
  }
  for (const auto& warning : loaded->warnings) {
    std::cerr << "warning: " << warning << "\n";
  }
  const bool dry_run = (*values)["dry-run"].as<bool>();
  if (dry_run || plan.budget.Any()) {
    std::vector<run::ProjectionInput> projection_inputs;
    for (const auto& assignment : loaded->Assignments()) {
      projection_inputs.push_back({assignment.adapter->Id(), assignment.costing, assignment.suites});
    }
    const auto cells = run::ProjectRun(projection_inputs, limit, plan.repeats);
    const auto projected = SumProjection(cells);
    if (dry_run) {
      PrintProjection(cells, projected);
    }
    if (const auto over = ProjectionOverBudget(plan.budget, projected)) {
      std::cerr << "error: " << *over << "; nothing was run\n";
      return kExitInputError;
    }
    if (dry_run) {
      return kExitSuccess;
    }
  }

  std::optional<integrity::ProbeSet> probe_set;
  if (NeedsProbes(*loaded)) {
    probe_set = integrity::LoadProbeSet(DefaultProbeSetPath(), diagnostics);
    if (!probe_set) {
      PrintDiagnostics(diagnostics);
      return kExitInputError;
    }
  }

  const auto fingerprint = run::ComputeFingerprint(plan, loaded->adapter_configs, loaded->suites);
  nlohmann::json selection_json = {{"adapters", nlohmann::json::array()},
                                   {"suites", nlohmann::json::array()},
                                   {"limit", limit ? nlohmann::json(*limit) : nlohmann::json(nullptr)},
                                   {"concurrency", plan.concurrency}};
  for (const auto& config : loaded->adapter_configs) selection_json["adapters"].push_back(config.id);
  for (const auto& suite : loaded->suites) selection_json["suites"].push_back(suite->suite.id);
  std::optional<std::map<std::pair<std::string, std::string>, std::size_t>> shard_keys;
  if (shard) {
    selection_json["shard"] = shard->ToString();
    shard_keys.emplace();
    run::ForEachPlannedKey(loaded->Assignments(), limit, plan.repeats, [&](const core::RunKey& key) {
      if (shard->Includes(key)) {
        ++(*shard_keys)[{key.adapter, key.suite}];
      }
    });
  }

  const bool resume = (*values)["resume"].as<bool>();
  const auto out = values->count("out") > 0 ? (*values)["out"].as<std::string>() : DefaultOutFolder(plan.name);
  std::optional<run::RunFolder> folder;
  std::vector<std::string> warnings;
  std::unique_ptr<run::Journal> journal;
  try {
    folder = run::RunFolder::Open(out, resume, fingerprint, selection_json);
    journal = std::make_unique<run::Journal>(folder->results_path(), folder->resumed(), warnings,
                                            plan.fsync_results ? run::LineSync::kFdatasync : run::LineSync::kNone,
                                            run::KeyGuard::kResumedKeys);
  } catch (const run::RunFolderError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  } catch (const run::JournalError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  for (const auto& warning : warnings) {
    std::cerr << "warning: " << warning << "\n";
  }
  // Spending of earlier attempts counts too, so a resume cannot overrun the budget.
  meters::SpendTracker spend(plan.budget);
  if (folder->resumed()) {
    spend.AddJournal(folder->results_path());
  }

  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  const bool quiet = (*values)["quiet"].as<bool>();
  const auto mode = quiet ? run::ProgressMeter::Mode::kQuiet
                          : (::isatty(STDERR_FILENO) != 0 ? run::ProgressMeter::Mode::kLive
                                                          : run::ProgressMeter::Mode::kPeriodic);
  run::ProgressMeter progress(stderr, mode,
                              mode == run::ProgressMeter::Mode::kLive ? std::chrono::milliseconds(200)
                                                                      : std::chrono::milliseconds(10'000));
  run::RunnerSettings settings;
  settings.concurrency = plan.concurrency;
  settings.request_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(plan.request_timeout_s * 1000));
  settings.limit = limit;
  settings.repeats = plan.repeats;
  settings.stop_requested = &g_stop_requested;
  settings.arrival_rate_per_s = plan.arrival_rate_per_s;
  settings.seed = plan.seed;
  settings.spend = plan.budget.Any() ? &spend : nullptr;
  if (shard) {
    settings.key_filter = [shard](const core::RunKey& key) { return shard->Includes(key); };
    settings.filtered_keys = 0;
    for (const auto& [cell, count] : *shard_keys) *settings.filtered_keys += count;
  }

  // Before the suites and outside the run's energy reading, so the probes see the model
  // as the results will and cost nothing to the suites' figures (docs/model-integrity.md).
  nlohmann::ordered_json model_fingerprints;
  try {
    model_fingerprints = ProbeAdapters(*loaded, folder->path(), probe_set ? &*probe_set : nullptr);
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInputError;
  }
  // The probes are paid for like the suites' requests (asked again never: a
  // resume finds them stored), so a budget that they cross stops the run
  // before its first request.
  for (const auto& [id, digest] : model_fingerprints["adapters"].items()) {
    if (const auto cost = digest.find("cost_eur"); cost != digest.end() && cost->is_number()) {
      spend.AddSpend(cost->get<double>(), 0);
    }
  }
  // The whole run, host-wide, on the best meter this machine has: never split
  // between requests nor added to their figures (docs/energy.md).
  auto run_meter = meter_choosing.get();

  // The summary and the report's samples read the journal while the run
  // writes it (run/journal_follower.hpp); only the last lines wait for its end.
  summary::SummaryInput summary_input;
  summary_input.journal_path = folder->results_path();
  summary_input.run_record = folder->record();
  summary_input.plan = &plan;
  summary_input.adapter_suites = loaded->AssignmentIds();
  summary_input.skipped_adapters = loaded->skipped;
  summary_input.suites = &loaded->suites;
  summary_input.limit = limit;
  summary_input.expected_keys = shard_keys;
  auto samples = ReportSamples(summary_input.journal_path);
  summary_input.on_record = [&samples](const summary::SummaryRecord& record, std::string_view line,
                                       std::size_t number) { samples.Add(record, line, number); };
  summary::SummaryBuilder summary_builder(summary_input);
  std::optional<run::JournalFollower> follower;
  try {
    follower.emplace(summary_input.journal_path, [&summary_builder](const std::string& line, std::size_t number) {
      summary_builder.AddLine(line, number);
    });
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInternalError;
  }
  // From the last prepared request on: the summary keeps every latency, so
  // reading earlier would make memory grow while requests are issued.
  settings.on_all_prepared = [&follower] {
    try {
      follower->Start();
    } catch (const std::system_error&) {
      // No thread to spare: Finish reads the whole journal after the run.
    }
  };

  const auto run_meter_mark = run_meter.meter->Begin();
  run::Runner runner(settings, *journal, progress);
  const auto totals = runner.Run(loaded->Assignments());
  const auto run_reading = run_meter.meter->End(run_meter_mark);
  journal.reset();
  const auto adapters_closing = CloseInBackground(std::move(loaded->adapters));
  if (totals.fatal_error) {
    std::cerr << "error: " << *totals.fatal_error << "\netalon: the run stopped; fix the cause and rerun with --resume --out "
              << out << "\n";
    return kExitInternalError;
  }

  summary_input.finished_at = core::NowUtc();
  summary_input.stopped = totals.stopped;
  summary_input.run_energy = {{"meter", run_meter.meter->Method()},
                              {"description", run_meter.meter->Description()},
                              {"choice", run_meter.reason},
                              {"this_attempt_only", folder->resumed()}};
  if (run_reading.energy) {
    const auto& energy = *run_reading.energy;
    summary_input.run_energy["joules"] = energy.joules;
    summary_input.run_energy["measured"] = energy.measured;
    summary_input.run_energy["low_joules"] = energy.low_joules ? nlohmann::json(*energy.low_joules) : nlohmann::json(nullptr);
    summary_input.run_energy["high_joules"] = energy.high_joules ? nlohmann::json(*energy.high_joules) : nlohmann::json(nullptr);
  } else {
    summary_input.run_energy["error"] = run_reading.error;
  }
  summary::Summary summary;
  try {
    follower->Finish();
    summary = summary_builder.Finish();
    summary.json["model_fingerprints"] = std::move(model_fingerprints);
    WriteRunDocuments(folder->path(), summary.json, language, std::move(samples));
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitInternalError;
  }

  std::cout << fmt::format("results: {}\nsummary: {}\nreport:  {}\nreport:  {}\n", folder->results_path(),
                           folder->summary_path(), folder->File("report.html"), folder->File("report.md"));
  if (const auto over = spend.Exceeded(); over && settings.spend != nullptr) {
    std::cerr << "etalon: budget reached: " << *over << "; the run stopped cleanly\n";
  }
  if (totals.stopped || summary.totals.recorded < summary.totals.expected) {
    std::cerr << fmt::format("etalon: the run was cut short ({}/{} results); finish it with: etalon run {} --resume --out {}\n",
                             summary.totals.recorded, summary.totals.expected, plan_path, out);
    return kExitRunFailed;
  }
  if (summary.totals.error_rate > plan.max_error_rate) {
    std::cerr << fmt::format("etalon: {} of {} requests failed ({:.1f}%), above the plan's max_error_rate ({:.1f}%)\n",
                             summary.totals.failed, summary.totals.recorded, 100 * summary.totals.error_rate,
                             100 * plan.max_error_rate);
    return kExitRunFailed;
  }
  return kExitSuccess;
}

}  // namespace etalon::cli
