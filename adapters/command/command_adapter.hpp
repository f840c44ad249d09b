// The `command` adapter: a local program (tesseract, apertium, pocketsphinx,
// any CLI) answers each request. It starts from an argv template
// (command_template.hpp) through posix_spawn, never a shell, on a bounded
// pool of workers (`processes`). Per request it has a timeout that kills the
// program's whole process group, keeps the exit code and the last 2 KB of
// stderr in Response::error, and attributes energy as a CPU-time estimate of
// the program (wait4's user + system time x the host's per-CPU power; see
// docs/energy.md). In persistent mode each worker keeps one program running,
// writes one input line and reads one answer line, and starts a new program
// when it dies. Options: command_settings.hpp; presets: command_preset.hpp.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapter_options.hpp"
#include "command/child_process.hpp"
#include "command/command_settings.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "local/pooled_adapter.hpp"

namespace etalon::adapters {

class CommandAdapter final : public PooledAdapter {
 public:
  CommandAdapter(std::string id, CommandSettings settings);
  core::Capabilities GetCapabilities() const override { return settings_.capabilities; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  // Fills `values` and `input` from the request; false with response.error set when a field is missing.
  bool Gather(const core::Request& request, PlaceholderValues& values, std::string& input,
              core::Response& response) const;
  void RunOnce(const std::vector<std::string>& argv, const std::string& input, const std::string& output_file,
               core::Response& response) const;
  void RunPersistent(const std::string& input, core::Response& response);
  // An idle persistent program (`fresh` false), or a new one; nullptr with
  // `error` set when none can start.
  std::unique_ptr<ChildProcess> TakeProgram(bool& fresh, std::string& error);

  CommandSettings settings_;
  std::mutex idle_mutex_;
  std::vector<std::unique_ptr<ChildProcess>> idle_;  // persistent programs waiting for a request
};

// The registry's factory for kind `command`.
std::unique_ptr<core::Adapter> MakeCommandAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                  AdapterOptions& options);

}  // namespace etalon::adapters
