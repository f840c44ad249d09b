// One local program started for the command adapter: posix_spawn of an
// argv vector (never a shell, so nothing in a dataset is ever parsed as a
// command), in a process group of its own so a timeout kills the program and
// everything it started. Pipes for stdin, stdout and stderr are pumped with
// poll, so a program that writes before it has read all its input cannot
// deadlock against us.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::adapters {

// The path execve needs for `program`: itself when it holds a '/', else the
// first executable of that name on PATH. Empty, with `problem` set, when there
// is none. Resolved once when the adapter is built, so a missing program fails
// validation rather than every request.
std::string FindExecutable(const std::string& program, std::string& problem);

enum class PumpResult {
  kDone,            // the program exited with its output read (RunToExit) or answered a line (ExchangeLine)
  kTimedOut,        // the deadline passed
  kClosed,          // stdout closed before a full line came (ExchangeLine): the program died or quit
  kOutputTooLarge,  // stdout passed kMaxOutputBytes
  kFailed,          // a pipe failed; `error` says why
};

struct ChildExit {
  std::optional<int> exit_code;  // set when the program exited
  int signal = 0;                // set when a signal ended it
  double cpu_seconds = 0;        // user + system time, with the descendants it waited for (wait4)
};

class ChildProcess {
 public:
  static constexpr std::size_t kMaxOutputBytes = 64u << 20;
  static constexpr std::size_t kStderrTailBytes = 2048;

  // Starts `executable` (a path from FindExecutable) with `argv` (argv[0]
  // included) in a new process group, with etalon's environment plus
  // `environment` ("NAME=value" each, replacing a variable of that name);
  // stdin is a pipe when `pipe_stdin`, else /dev/null. Returns nullptr and
  // sets `error` when it cannot start.
  static std::unique_ptr<ChildProcess> Start(const std::string& executable, const std::vector<std::string>& argv,
                                             const std::vector<std::string>& environment, bool pipe_stdin,
                                             std::string& error);
  ~ChildProcess();  // kills the group and reaps the program if that has not happened yet
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes `input` to stdin and closes it, and reads stdout into `output`
  // until the program has exited and its pipes are closed. When the program
  // exits, what it left running in its group is killed.
  PumpResult RunToExit(std::string_view input, std::chrono::steady_clock::time_point deadline, std::string& output);

  // Writes `line` (which ends with '\n') and reads stdout up to the next
  // '\n', returned without it in `answer`. What follows stays buffered.
  PumpResult ExchangeLine(std::string_view line, std::chrono::steady_clock::time_point deadline, std::string& answer);

  // True while the program has not exited.
  bool Running();
  // Kills the process group (SIGKILL), then reaps the program.
  ChildExit KillAndReap();
  // Reaps a program that has exited (RunToExit returned kDone).
  ChildExit Reap();
  // User + system time of the running program and the children it reaped so
  // far (/proc/<pid>/stat); nullopt when unreadable.
  std::optional<double> CpuSecondsSoFar() const;

  // The last kStderrTailBytes of what the program wrote on stderr.
  const std::string& StderrTail() const { return stderr_tail_; }
  const std::string& Error() const { return error_; }

 private:
  enum class Stop { kExit, kLine };

  ChildProcess() = default;
  PumpResult Pump(std::string_view input, bool close_input, Stop stop, std::chrono::steady_clock::time_point deadline);
  void CheckExited();
  void CloseInput();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  int pidfd_ = -1;  // readable when the program exits; -1 where the kernel has no pidfd_open
  bool exited_ = false;
  bool reaped_ = false;
  std::string stdout_buffer_;
  std::string stderr_tail_;
  std::string error_;
};

}  // namespace etalon::adapters
