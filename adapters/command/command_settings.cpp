#include "command/command_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "command/child_process.hpp"
#include "command/command_preset.hpp"

namespace etalon::adapters {

namespace {

constexpr double kDefaultTimeoutSeconds = 120;
constexpr double kMaxTimeoutSeconds = 86'400;
constexpr std::int64_t kMaxProcesses = 1024;
// Listing an engine's directions is quick; past this it is stuck.
constexpr std::chrono::seconds kListTimeout{10};

std::vector<std::string> SplitAtSpaces(const std::string& text) {
  std::istringstream words(text);
  std::vector<std::string> parts;
  for (std::string word; words >> word;) {
    parts.push_back(word);
  }
  return parts;
}

// The `command` option as a list of arguments; nullopt when absent or malformed.
std::optional<std::vector<std::string>> CommandOption(const config::AdapterConfig& config, AdapterOptions& options,
                                                      bool& reported) {
  const auto found = config.options.find("command");
  if (found == config.options.end()) {
    return std::nullopt;
  }
  if (found->is_string()) {
    return SplitAtSpaces(found->get<std::string>());
  }
  if (!found->is_array()) {
    options.Report("command", "must be a list of arguments or one text");
    reported = true;
    return std::nullopt;
  }
  std::vector<std::string> arguments;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const auto& element = (*found)[i];
    if (!element.is_string()) {
      options.Report("command", fmt::format("argument {} must be a text value (in YAML, quote placeholders and "
                                            "numbers: \"{{{{media}}}}\", \"3\")",
                                            i));
      reported = true;
      return std::nullopt;
    }
    arguments.push_back(element.get<std::string>());
  }
  return arguments;
}

// The directions the engine lists (one word each), or a problem.
std::vector<std::string> ListDirections(const std::vector<std::string>& list_command, std::string& problem) {
  const auto executable = FindExecutable(list_command.front(), problem);
  if (executable.empty()) {
    return {};
  }
  auto child = ChildProcess::Start(executable, list_command, {}, false, problem);
  if (!child) {
    return {};
  }
  std::string output;
  const auto result = child->RunToExit({}, std::chrono::steady_clock::now() + kListTimeout, output);
  const auto exit = result == PumpResult::kDone ? child->Reap() : child->KillAndReap();
  if (result != PumpResult::kDone || exit.exit_code != 0) {
    problem = fmt::format("'{}' failed: {}", fmt::join(list_command, " "), child->StderrTail());
    return {};
  }
  auto directions = SplitAtSpaces(output);
  std::sort(directions.begin(), directions.end());
  return directions;
}

}  // namespace

std::optional<CommandSettings> ReadCommandSettings(const config::AdapterConfig& config, const AdapterContext& context,
                                                   AdapterOptions& options) {
  options.RejectUnknown(
      {"command", "input_field", "media_field", "media_root", "stdin", "mode", "timeout_s", "processes"});
  bool reported = false;
  auto report = [&options, &reported](const std::string& name, const std::string& message) {
    options.Report(name, message);
    reported = true;
  };
  // `preset` sits beside `options` in the plan entry.
  auto report_preset = [&options, &reported](const std::string& message) {
    options.ReportEntry("preset", message);
    reported = true;
  };
  const CommandPreset* preset = nullptr;
  if (!config.preset.empty()) {
    preset = FindCommandPreset(config.preset);
    if (preset == nullptr) {
      report_preset(fmt::format("unknown preset '{}' for kind 'command' (known presets: {})", config.preset,
                                   CommandPresetNames()));
    }
  }
  const CommandPreset defaults;
  const CommandPreset& base = preset != nullptr ? *preset : defaults;

  CommandSettings settings;
  settings.input_field = options.String("input_field", base.input_field);
  settings.media_field = options.String("media_field", base.media_field);
  settings.media_root = options.Path("media_root", false);
  settings.served_model = config.model.empty() ? base.served_model : config.model;
  settings.model = config.model;
  settings.environment = base.environment;
  settings.timeout = std::chrono::milliseconds(
      static_cast<std::int64_t>(options.Number("timeout_s", kDefaultTimeoutSeconds, 0.001, kMaxTimeoutSeconds) * 1000));
  settings.processes = static_cast<std::size_t>(options.Integer(
      "processes", static_cast<std::int64_t>(std::max<std::size_t>(context.concurrency, 1)), 1, kMaxProcesses));

  const auto stdin_source = options.String("stdin", base.stdin_input ? "input" : "none");
  if (stdin_source != "input" && stdin_source != "none") {
    report("stdin", fmt::format("must be input or none, got '{}'", stdin_source));
  }
  settings.stdin_input = stdin_source == "input";
  const auto mode = options.String("mode", "per-request");
  if (mode != "per-request" && mode != "persistent") {
    report("mode", fmt::format("must be per-request or persistent, got '{}'", mode));
  }
  settings.mode = mode == "persistent" ? CommandMode::kPersistent : CommandMode::kPerRequest;

  auto arguments = CommandOption(config, options, reported);
  const bool from_preset = !arguments && preset != nullptr;
  if (from_preset) {
    arguments = preset->command;
  }
  if (!arguments) {
    if (!reported) {
      report("command", fmt::format("required: the program and its arguments (or a preset: {})", CommandPresetNames()));
    }
    return std::nullopt;
  }
  // A problem with the preset's own command is reported on `preset`.
  auto report_command = [&](const std::string& message) {
    if (from_preset) {
      report_preset(message);
    } else {
      report("command", message);
    }
  };
  std::string problem;
  auto parsed = CommandTemplate::Parse(*arguments, problem);
  if (!parsed) {
    report_command(problem);
    return std::nullopt;
  }
  settings.command = std::move(*parsed);
  settings.executable = FindExecutable(settings.command.Program(), problem);
  if (settings.executable.empty()) {
    report_command(from_preset ? fmt::format("{} (Debian packages: {})", problem, base.packages) : problem);
  }

  const auto& command = settings.command;
  if (command.Uses(Placeholder::kMedia) && settings.media_field.empty()) {
    report("media_field", "the command uses {{media}}: name the sample field holding the media path");
  }
  if (settings.mode == CommandMode::kPersistent) {
    for (const auto placeholder :
         {Placeholder::kInputFile, Placeholder::kText, Placeholder::kLang, Placeholder::kSourceLang,
          Placeholder::kTargetLang, Placeholder::kOutputFile, Placeholder::kMedia}) {
      if (command.Uses(placeholder)) {
        report("mode", fmt::format("a persistent program is started once, so its command cannot use {{{{{}}}}}: "
                                   "it reads each input as one line on stdin",
                                   PlaceholderName(placeholder)));
      }
    }
    if (!settings.stdin_input) {
      report("stdin", "a persistent program reads its inputs on stdin: stdin must be input");
    }
  }
  if (from_preset && !base.list_directions.empty() && !settings.executable.empty()) {
    settings.directions = ListDirections(base.list_directions, problem);
    if (settings.directions.empty()) {
      report_preset(fmt::format("cannot list the directions {} has: {}", base.name, problem));
    }
  }

  settings.capabilities.text =
      settings.stdin_input || command.Uses(Placeholder::kText) || command.Uses(Placeholder::kInputFile);
  // The dataset convention (docs/ARCHITECTURE.md): images in `image`, sound in `audio`.
  settings.capabilities.image_input = command.Uses(Placeholder::kMedia) && settings.media_field == "image";
  settings.capabilities.audio_input = command.Uses(Placeholder::kMedia) && settings.media_field == "audio";
  if (reported) {
    return std::nullopt;
  }
  return settings;
}

}  // namespace etalon::adapters
