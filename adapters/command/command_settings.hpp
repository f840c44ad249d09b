// The command adapter's settings, read from a plan entry: its preset (if
// any), then its options, which override the preset. Every problem is
// reported with the field it is about, so validation lists them all.
//
// Options:
//   command     the program and its arguments: a list, or one text split at
//               spaces (no quoting: use a list for an argument with spaces).
//               Placeholders: see command_template.hpp. Quote them in YAML: "{{media}}".
//   input_field the sample field sent as input (default: the rendered prompt)
//   media_field the sample field {{media}} reads, a path relative to the dataset's folder
//   media_root  the folder media paths are relative to (default: the dataset's folder)
//   stdin       input (default: the input text on stdin) or none (/dev/null)
//   mode        per-request (default: one process per request) or persistent
//               (one long-lived process per worker, one input line in, one answer line out)
//   timeout_s   per request; the program's whole process group is killed after it (default 120)
//   processes   the most programs running at once (default: the plan's concurrency)
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "adapter_options.hpp"
#include "command/command_template.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "etalon/core/adapter.hpp"

namespace etalon::adapters {

enum class CommandMode {
  kPerRequest,  // a fresh process for every request
  kPersistent,  // long-lived processes, one request per line; restarted when one dies
};

struct CommandSettings {
  CommandTemplate command;
  std::string executable;  // the resolved path of the program
  CommandMode mode = CommandMode::kPerRequest;
  bool stdin_input = true;
  std::string input_field;  // empty: the rendered prompt
  std::string media_field;
  std::string media_root;  // empty: the request's dataset folder
  std::chrono::milliseconds timeout{120'000};
  std::size_t processes = 8;
  std::string model;                     // the plan entry's `model`, for {{model}}
  std::string served_model;              // recorded in every response
  std::vector<std::string> environment;  // "NAME=value" added to the program's environment
  std::vector<std::string> directions;   // the engine's translation directions; empty: not checked
  core::Capabilities capabilities;
};

// Reads and checks the settings; every problem is reported through
// `options`, located at the plan entry. Returns nullopt when the settings
// cannot make an adapter; the registry also drops the adapter when `options`
// reported anything (a wrong type, an unknown option).
std::optional<CommandSettings> ReadCommandSettings(const config::AdapterConfig& config, const AdapterContext& context,
                                                   AdapterOptions& options);

}  // namespace etalon::adapters
