#include "verify_model_command.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command_line.hpp"
#include "etalon/core/atomic_file.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/integrity/fingerprint_comparison.hpp"
#include "exit_codes.hpp"
#include "model_probes.hpp"
#include "model_verification_text.hpp"
#include "plan_setup.hpp"
#include "report_language.hpp"

namespace etalon::cli {

namespace {

constexpr const char* kUsage =
    "usage: etalon verify-model RUN_DIR --adapter ID [options]\n"
    "Asks the adapter the model fingerprint probes stored in RUN_DIR again and compares the answers, the\n"
    "reported model and the latency and length distributions (docs/model-integrity.md).\n"
    "Exit codes: 0 same model, 1 drifted or different, 2 bad input, 3 the probes failed now.";

constexpr int kVerificationSchemaVersion = 1;

// The first difference between the stored and the current adapter entry, or empty.
std::string ConfigDifference(const nlohmann::json& stored, const nlohmann::json& current) {
  const auto patch = nlohmann::json::diff(stored, current);
  if (patch.empty()) return "";
  const auto pointer = patch.front().at("path").get<std::string>();
  const nlohmann::json::json_pointer where(pointer);
  return fmt::format("field '{}' changed since the run (was {}, now {})", pointer,
                     stored.contains(where) ? stored[where].dump() : "absent",
                     current.contains(where) ? current[where].dump() : "absent");
}

std::size_t Successful(const integrity::ModelFingerprint& fingerprint) {
  std::size_t ok = 0;
  for (const auto& observation : fingerprint.observations) ok += observation.ok ? 1 : 0;
  return ok;
}

}  // namespace

int RunVerifyModelCommand(const std::vector<std::string>& args) {
  po::options_description options("etalon verify-model options");
  options.add_options()
      ("help,h", "show this help")
      ("run-dir", po::value<std::string>(), "the run folder holding model_fingerprints.json")
      ("adapter", po::value<std::string>(), "the plan adapter id to verify (required)")
      ("plan", po::value<std::string>(), "the plan to rebuild the adapter from (default: the one the run used)")
      ("out,o", po::value<std::string>(), "where to write the comparison (default: RUN_DIR/model_verification_ID.json)")
      ("lang", po::value<std::string>()->default_value("fr"), "language of the evidence: fr or en");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  bool help_shown = false;
  const auto values = ParseArguments(kUsage, options, positional, args, help_shown);
  if (!values) {
    return help_shown ? kExitSuccess : kExitInputError;
  }
  const auto language = ReadLanguage(*values);
  if (!language) return kExitInputError;
  if (values->count("run-dir") == 0 || values->count("adapter") == 0) {
    std::cerr << "etalon: verify-model needs RUN_DIR and --adapter ID\n" << kUsage << "\n";
    return kExitInputError;
  }
  const auto run_dir = (*values)["run-dir"].as<std::string>();
  const auto adapter_id = (*values)["adapter"].as<std::string>();

  std::string error;
  const auto stored = ReadStoredFingerprint(run_dir, adapter_id, error);
  if (!stored) {
    std::cerr << "error: " << error << "\n";
    return kExitInputError;
  }
  const auto plan_path = values->count("plan") > 0 ? (*values)["plan"].as<std::string>() : stored->plan_path;
  core::Diagnostics diagnostics;
  PlanSelection selection;
  selection.adapter_ids = {adapter_id};
  auto loaded = LoadPlanForRun(plan_path, selection, diagnostics);
  if (!loaded) {
    for (const auto& diagnostic : diagnostics) std::cerr << "error: " << diagnostic.ToString() << "\n";
    return kExitInputError;
  }
  for (const auto& skipped : loaded->skipped) {
    std::cerr << fmt::format("error: adapter '{}' cannot be rebuilt: {}\n", skipped.id, skipped.reason);
    return kExitInputError;
  }
  const auto& config = loaded->adapter_configs.at(0);
  if (const auto difference = ConfigDifference(stored->adapter_config, AdapterConfigJson(config));
      !difference.empty()) {
    std::cerr << fmt::format("error: {}:{}: adapter '{}': {}; the probes would not reach the same service\n",
                             plan_path, config.line, adapter_id, difference);
    return kExitInputError;
  }

  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(loaded->plan.request_timeout_s + 5));
  auto current = integrity::CollectModelFingerprint(*loaded->adapters[0], stored->fingerprint.probe_set, timeout,
                                                    loaded->costings[0].get());
  loaded->adapters[0]->Drain();
  if (Successful(current) == 0) {
    std::cerr << fmt::format("error: every probe failed now (first: {}); nothing to compare\n",
                             current.observations.empty() ? "none asked" : current.observations.front().error);
    return kExitRunFailed;
  }
  integrity::ComparisonSettings settings;
  settings.seed = static_cast<std::uint64_t>(stored->fingerprint.probe_set.generation.seed.value_or(0));
  const auto comparison = integrity::CompareModelFingerprints(stored->fingerprint, current, settings);

  const auto out = values->count("out") > 0
                       ? (*values)["out"].as<std::string>()
                       : (std::filesystem::path(run_dir) / fmt::format("model_verification_{}.json", adapter_id)).string();
  const nlohmann::ordered_json document = {{"schema", kVerificationSchemaVersion},
                                           {"adapter", adapter_id},
                                           {"run_dir", run_dir},
                                           {"verified_at", core::NowUtc()},
                                           {"stored_collected_at", stored->fingerprint.collected_at},
                                           {"comparison", comparison.ToJson()},
                                           {"current", current.ToJson()}};
  std::cout << ModelVerificationText(adapter_id, stored->fingerprint, comparison, *language);
  try {
    core::WriteFileAtomically(out, document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  } catch (const std::runtime_error& write_error) {
    std::cerr << "error: " << write_error.what() << "\n";
    return kExitInputError;
  }
  std::cout << fmt::format("{}: {}\n", *language == reports::Language::kFrench ? "Comparaison" : "Comparison", out);
  return comparison.verdict == integrity::Verdict::kSame ? kExitSuccess : kExitRegression;
}

}  // namespace etalon::cli
