#include "command/command_adapter.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "etalon/meters/cpu_time_meter.hpp"

namespace etalon::adapters {

namespace {

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(kWhitespace) - first + 1));
}

core::Error Failure(core::ErrorKind kind, std::string message) { return core::Error{kind, 0, std::move(message)}; }

// `what` and, when the program wrote any, the end of its stderr.
std::string WithStderr(const std::string& what, const std::string& stderr_tail) {
  const auto tail = Trim(stderr_tail);
  if (tail.empty()) {
    return what;
  }
  return fmt::format("{}; stderr (last {} bytes): {}", what, tail.size(), tail);
}

std::string DescribeExit(const ChildExit& exit) {
  if (exit.exit_code) {
    return fmt::format("exited with code {}", *exit.exit_code);
  }
  const char* name = sigabbrev_np(exit.signal);
  return fmt::format("was killed by signal {} (SIG{})", exit.signal, name != nullptr ? name : "?");
}

const std::string* TextField(const core::Request& request, const std::string& name) {
  if (request.fields == nullptr) {
    return nullptr;
  }
  const auto found = request.fields->find(name);
  if (found == request.fields->end() || !found->is_string()) {
    return nullptr;
  }
  return &found->get_ref<const std::string&>();
}

// A per-request folder for {{input_file}} and {{output_file}}, removed with its contents.
class RequestFolder {
 public:
  bool Create(std::string& error) {
    std::string pattern = (std::filesystem::temp_directory_path() / "etalon-command-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      error = fmt::format("cannot create a temp folder: {}", std::strerror(errno));
      return false;
    }
    path_ = pattern;
    return true;
  }
  ~RequestFolder() {
    if (!path_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  std::string Path(const char* name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

bool WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  return static_cast<bool>(out);
}

}  // namespace

CommandAdapter::CommandAdapter(std::string id, CommandSettings settings)
    : PooledAdapter(std::move(id), settings.processes, std::chrono::milliseconds(0)), settings_(std::move(settings)) {}

bool CommandAdapter::Gather(const core::Request& request, PlaceholderValues& values, std::string& input,
                            core::Response& response) const {
  const auto& command = settings_.command;
  auto missing = [&response](const std::string& field, const std::string& why) {
    response.error =
        Failure(core::ErrorKind::kAdapterFailure, fmt::format("sample has no text field '{}'{}", field, why));
    return false;
  };
  if (settings_.stdin_input || command.Uses(Placeholder::kText) || command.Uses(Placeholder::kInputFile)) {
    if (settings_.input_field.empty()) {
      input = request.prompt;
    } else if (const auto* text = TextField(request, settings_.input_field)) {
      input = *text;
    } else {
      return missing(settings_.input_field, "");
    }
  }
  values[static_cast<std::size_t>(Placeholder::kText)] = input;
  values[static_cast<std::size_t>(Placeholder::kModel)] = settings_.model;
  for (const auto placeholder : {Placeholder::kLang, Placeholder::kSourceLang, Placeholder::kTargetLang}) {
    if (!command.Uses(placeholder)) {
      continue;
    }
    const std::string name(PlaceholderName(placeholder));
    const auto* text = TextField(request, name);
    if (text == nullptr) {
      return missing(name, fmt::format(" (the command uses {{{{{}}}}})", name));
    }
    values[static_cast<std::size_t>(placeholder)] = *text;
  }
  if (!settings_.directions.empty()) {
    const auto direction = values[static_cast<std::size_t>(Placeholder::kSourceLang)] + "-" +
                           values[static_cast<std::size_t>(Placeholder::kTargetLang)];
    if (!std::binary_search(settings_.directions.begin(), settings_.directions.end(), direction)) {
      response.error = Failure(core::ErrorKind::kAdapterFailure,
                               fmt::format("{} has no {} direction (installed: {})", command.Program(), direction,
                                           fmt::join(settings_.directions, ", ")));
      return false;
    }
  }
  if (command.Uses(Placeholder::kMedia)) {
    const auto* relative = TextField(request, settings_.media_field);
    if (relative == nullptr) {
      return missing(settings_.media_field, " (the command uses {{media}})");
    }
    const std::filesystem::path media(*relative);
    // A dataset names files inside its own folder; anything else is refused
    // rather than handed to the program.
    if (media.empty() || media.is_absolute() || std::find(media.begin(), media.end(), "..") != media.end()) {
      response.error = Failure(core::ErrorKind::kAdapterFailure,
                               fmt::format("field '{}' must be a path inside the dataset's folder, got '{}'",
                                           settings_.media_field, *relative));
      return false;
    }
    auto full =
        std::filesystem::path(settings_.media_root.empty() ? request.dataset_dir : settings_.media_root) / media;
    if (full.is_relative()) {
      full = std::filesystem::path(".") / full;  // never starts with '-', so never read as an option
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(full, error)) {
      response.error =
          Failure(core::ErrorKind::kAdapterFailure,
                  fmt::format("media file '{}' (field '{}') does not exist", full.string(), settings_.media_field));
      return false;
    }
    values[static_cast<std::size_t>(Placeholder::kMedia)] = full.string();
  }
  return true;
}

core::Response CommandAdapter::Compute(const core::Request& request) {
  core::Response response;
  response.served_model = settings_.served_model;
  PlaceholderValues values;
  std::string input;
  if (!Gather(request, values, input, response)) {
    return response;
  }
  if (settings_.mode == CommandMode::kPersistent) {
    RunPersistent(input, response);
    return response;
  }
  RequestFolder folder;
  std::string output_file;
  if (settings_.command.Uses(Placeholder::kInputFile) || settings_.command.Uses(Placeholder::kOutputFile)) {
    std::string error;
    if (!folder.Create(error)) {
      response.error = Failure(core::ErrorKind::kAdapterFailure, error);
      return response;
    }
    const auto input_file = folder.Path("input.txt");
    if (settings_.command.Uses(Placeholder::kInputFile) && !WriteFile(input_file, input)) {
      response.error = Failure(core::ErrorKind::kAdapterFailure, fmt::format("cannot write {}", input_file));
      return response;
    }
    values[static_cast<std::size_t>(Placeholder::kInputFile)] = input_file;
    if (settings_.command.Uses(Placeholder::kOutputFile)) {
      output_file = folder.Path("output.txt");
      values[static_cast<std::size_t>(Placeholder::kOutputFile)] = output_file;
    }
  }
  RunOnce(settings_.command.Expand(values), input, output_file, response);
  return response;
}

void CommandAdapter::RunOnce(const std::vector<std::string>& argv, const std::string& input,
                             const std::string& output_file, core::Response& response) const {
  const auto& program = settings_.command.Program();
  std::string error;
  auto child = ChildProcess::Start(settings_.executable, argv, settings_.environment, settings_.stdin_input, error);
  if (!child) {
    response.error = Failure(core::ErrorKind::kAdapterFailure, error);
    return;
  }
  std::string output;
  const auto result = child->RunToExit(input, std::chrono::steady_clock::now() + settings_.timeout, output);
  const auto exit = result == PumpResult::kDone ? child->Reap() : child->KillAndReap();
  response.energy = meters::EstimateFromCpuSeconds(exit.cpu_seconds);
  switch (result) {
    case PumpResult::kDone:
      break;
    case PumpResult::kTimedOut:
      response.error = Failure(core::ErrorKind::kTimeout,
                               WithStderr(fmt::format("{} gave no answer within {} s; its process group was killed",
                                                      program, settings_.timeout.count() / 1000.0),
                                          child->StderrTail()));
      return;
    case PumpResult::kOutputTooLarge:
      response.error =
          Failure(core::ErrorKind::kInvalidOutput, fmt::format("{} wrote more than {} MiB on stdout; it was killed",
                                                               program, ChildProcess::kMaxOutputBytes >> 20));
      return;
    case PumpResult::kClosed:
    case PumpResult::kFailed:
      response.error = Failure(core::ErrorKind::kAdapterFailure, fmt::format("{}: {}", program, child->Error()));
      return;
  }
  if (exit.exit_code != 0) {
    response.error = Failure(core::ErrorKind::kAdapterFailure,
                             WithStderr(fmt::format("{} {}", program, DescribeExit(exit)), child->StderrTail()));
    return;
  }
  if (!output_file.empty()) {
    std::ifstream in(output_file, std::ios::binary);
    if (!in) {
      response.error = Failure(
          core::ErrorKind::kInvalidOutput,
          WithStderr(fmt::format("{} exited without writing {{{{output_file}}}}", program), child->StderrTail()));
      return;
    }
    std::ostringstream content;
    content << in.rdbuf();
    output = content.str();
  }
  response.text = Trim(output);
}

std::unique_ptr<ChildProcess> CommandAdapter::TakeProgram(bool& fresh, std::string& error) {
  fresh = false;
  for (;;) {
    std::unique_ptr<ChildProcess> program;
    {
      std::lock_guard lock(idle_mutex_);
      if (idle_.empty()) {
        break;
      }
      program = std::move(idle_.back());
      idle_.pop_back();
    }
    if (program->Running()) {
      return program;
    }
    program->KillAndReap();  // it died while idle: reaped here, replaced below
  }
  fresh = true;
  PlaceholderValues values;
  values[static_cast<std::size_t>(Placeholder::kModel)] = settings_.model;
  return ChildProcess::Start(settings_.executable, settings_.command.Expand(values), settings_.environment, true,
                             error);
}

void CommandAdapter::RunPersistent(const std::string& input, core::Response& response) {
  const auto& program_name = settings_.command.Program();
  // One line is one request: a line break inside the input would be read as two.
  if (input.find_first_of("\r\n") != std::string::npos) {
    response.error = Failure(core::ErrorKind::kAdapterFailure,
                             "the input holds a line break; a persistent program reads one line per request");
    return;
  }
  std::unique_ptr<ChildProcess> program;
  PumpResult result = PumpResult::kFailed;
  double cpu_before = 0;
  // A program reused from an earlier request may have quit after its last
  // answer (or be quitting as we write): if it closes without answering, the
  // request goes once to a fresh one. A fresh one that dies is this input's fault.
  for (bool fresh = false; !fresh;) {
    std::string error;
    program = TakeProgram(fresh, error);
    if (!program) {
      response.error = Failure(core::ErrorKind::kAdapterFailure, error);
      return;
    }
    cpu_before = program->CpuSecondsSoFar().value_or(0);
    std::string answer;
    result = program->ExchangeLine(input + "\n", std::chrono::steady_clock::now() + settings_.timeout, answer);
    if (result == PumpResult::kDone) {
      const double cpu_after = program->CpuSecondsSoFar().value_or(cpu_before);
      response.energy = meters::EstimateFromCpuSeconds(std::max(0.0, cpu_after - cpu_before));
      response.text = Trim(answer);
      std::lock_guard lock(idle_mutex_);
      idle_.push_back(std::move(program));
      return;
    }
    if (result != PumpResult::kClosed) {
      break;
    }
    if (!fresh) {
      program->KillAndReap();
    }
  }
  const auto exit = program->KillAndReap();
  response.energy = meters::EstimateFromCpuSeconds(std::max(0.0, exit.cpu_seconds - cpu_before));
  const std::string restart = "a new program starts with the next request";
  switch (result) {
    case PumpResult::kTimedOut:
      response.error = Failure(core::ErrorKind::kTimeout,
                               WithStderr(fmt::format("{} gave no answer line within {} s; its process group was "
                                                      "killed and {}",
                                                      program_name, settings_.timeout.count() / 1000.0, restart),
                                          program->StderrTail()));
      return;
    case PumpResult::kClosed:
      response.error =
          Failure(core::ErrorKind::kAdapterFailure,
                  WithStderr(fmt::format("{} {} before answering; {}", program_name, DescribeExit(exit), restart),
                             program->StderrTail()));
      return;
    case PumpResult::kOutputTooLarge:
      response.error = Failure(core::ErrorKind::kInvalidOutput,
                               fmt::format("{} wrote more than {} MiB without a line break; {}", program_name,
                                           ChildProcess::kMaxOutputBytes >> 20, restart));
      return;
    case PumpResult::kDone:
    case PumpResult::kFailed:
      response.error =
          Failure(core::ErrorKind::kAdapterFailure, fmt::format("{}: {}; {}", program_name, program->Error(), restart));
      return;
  }
}

std::unique_ptr<core::Adapter> MakeCommandAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                  AdapterOptions& options) {
  auto settings = ReadCommandSettings(config, context, options);
  if (!settings) {
    return nullptr;
  }
  return std::make_unique<CommandAdapter>(config.id, std::move(*settings));
}

}  // namespace etalon::adapters
