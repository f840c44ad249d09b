#include "command/child_process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace etalon::adapters {

namespace {

// Without a pidfd, how often the pump checks whether the program has exited.
constexpr int kExitCheckMs = 10;
constexpr std::size_t kReadChunk = 65536;
constexpr const char* kDefaultPath = "/usr/local/bin:/usr/bin:/bin";

bool IsExecutableFile(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && access(path.c_str(), X_OK) == 0;
}

void CloseFd(int& fd) {
  if (fd >= 0) {
    close(fd);
    fd = -1;
  }
}

// Writing to a pipe whose reader has gone raises SIGPIPE, which would end the
// whole harness: blocked on this thread while the pump runs, and a SIGPIPE
// that arrived meanwhile is consumed, so write reports EPIPE instead.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_);
  }
  ~SigpipeBlock() {
    if (sigismember(&previous_, SIGPIPE) == 0) {
      const timespec no_wait{};
      while (sigtimedwait(&sigpipe_, nullptr, &no_wait) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t sigpipe_{};
  sigset_t previous_{};
};

class SpawnSettings {
 public:
  SpawnSettings() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSettings() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSettings(const SpawnSettings&) = delete;
  SpawnSettings& operator=(const SpawnSettings&) = delete;

  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attributes{};
};

// environ with `overrides` ("NAME=value") replacing the variables they name.
std::vector<char*> Environment(const std::vector<std::string>& overrides) {
  std::vector<char*> variables;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    const std::string_view entry(*variable);
    const auto name = entry.substr(0, entry.find('=') + 1);
    if (std::none_of(overrides.begin(), overrides.end(),
                     [name](const std::string& override) { return override.rfind(name, 0) == 0; })) {
      variables.push_back(*variable);
    }
  }
  for (const auto& override : overrides) {
    variables.push_back(const_cast<char*>(override.c_str()));
  }
  variables.push_back(nullptr);
  return variables;
}

double Seconds(const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6; }

}  // namespace

std::string FindExecutable(const std::string& program, std::string& problem) {
  if (program.empty()) {
    problem = "the command is empty";
    return {};
  }
  if (program.find('/') != std::string::npos) {
    if (IsExecutableFile(program)) {
      return program;
    }
    problem = fmt::format("program '{}' is not an executable file", program);
    return {};
  }
  const char* path_variable = std::getenv("PATH");
  std::istringstream folders(path_variable != nullptr && *path_variable != '\0' ? path_variable : kDefaultPath);
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    const auto candidate = (std::filesystem::path(folder.empty() ? "." : folder) / program).string();
    if (IsExecutableFile(candidate)) {
      return candidate;
    }
  }
  problem = fmt::format("program '{}' is not on PATH", program);
  return {};
}

std::unique_ptr<ChildProcess> ChildProcess::Start(const std::string& executable, const std::vector<std::string>& argv,
                                                  const std::vector<std::string>& environment, bool pipe_stdin,
                                                  std::string& error) {
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  std::array<int, 2> input{-1, -1};
  std::array<int, 2> output{-1, -1};
  std::array<int, 2> errors{-1, -1};
  // O_CLOEXEC: a program started by another thread at the same time must not
  // inherit our ends, or it would hold them open.
  if ((pipe_stdin && pipe2(input.data(), O_CLOEXEC) != 0) || pipe2(output.data(), O_CLOEXEC) != 0 ||
      pipe2(errors.data(), O_CLOEXEC) != 0) {
    error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    for (int fd : {input[0], input[1], output[0], output[1], errors[0], errors[1]}) {
      CloseFd(fd);
    }
    return nullptr;
  }

  SpawnSettings spawn;
  if (pipe_stdin) {
    posix_spawn_file_actions_adddup2(&spawn.actions, input[0], STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&spawn.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&spawn.actions, output[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&spawn.actions, errors[1], STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&spawn.actions, STDERR_FILENO + 1);
  // Its own process group (so a timeout can kill all it started), no blocked
  // signals, and SIGPIPE back to its default even if the harness ignores it.
  posix_spawnattr_setflags(&spawn.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&spawn.attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&spawn.attributes, &signals);
  sigaddset(&signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&spawn.attributes, &signals);

  std::vector<char*> arguments;
  for (const auto& argument : argv) {
    arguments.push_back(const_cast<char*>(argument.c_str()));
  }
  arguments.push_back(nullptr);
  auto variables = Environment(environment);
  const int status = posix_spawn(&child->pid_, executable.c_str(), &spawn.actions, &spawn.attributes, arguments.data(),
                                 variables.data());
  CloseFd(input[0]);
  CloseFd(output[1]);
  CloseFd(errors[1]);
  child->stdin_fd_ = input[1];
  child->stdout_fd_ = output[0];
  child->stderr_fd_ = errors[0];
  if (status != 0) {
    error = fmt::format("cannot start {}: {}", executable, std::strerror(status));
    child->reaped_ = true;  // nothing to reap
    return nullptr;
  }
  for (const int fd : {child->stdin_fd_, child->stdout_fd_, child->stderr_fd_}) {
    if (fd >= 0) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
  }
  child->pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, child->pid_, 0));
  return child;
}

ChildProcess::~ChildProcess() {
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
  if (!reaped_) {
    KillAndReap();
  }
  CloseFd(pidfd_);
}

void ChildProcess::CloseInput() { CloseFd(stdin_fd_); }

void ChildProcess::CheckExited() {
  if (exited_) {
    return;
  }
  siginfo_t info{};
  // WNOWAIT leaves the program a zombie, which keeps its process group id
  // reserved: the kill below cannot reach a stranger's group.
  if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_) {
    exited_ = true;
    // What it left running would hold the pipes open and outlive the request.
    kill(-pid_, SIGKILL);
  }
}

bool ChildProcess::Running() {
  CheckExited();
  return !exited_;
}

PumpResult ChildProcess::RunToExit(std::string_view input, std::chrono::steady_clock::time_point deadline,
                                   std::string& output) {
  const auto result = Pump(input, true, Stop::kExit, deadline);
  output = std::move(stdout_buffer_);
  stdout_buffer_.clear();
  return result;
}

PumpResult ChildProcess::ExchangeLine(std::string_view line, std::chrono::steady_clock::time_point deadline,
                                      std::string& answer) {
  const auto result = Pump(line, false, Stop::kLine, deadline);
  if (result == PumpResult::kDone) {
    const auto end = stdout_buffer_.find('\n');
    answer = stdout_buffer_.substr(0, end);
    stdout_buffer_.erase(0, end + 1);
  }
  return result;
}

PumpResult ChildProcess::Pump(std::string_view input, bool close_input, Stop stop,
                              std::chrono::steady_clock::time_point deadline) {
  SigpipeBlock sigpipe_block;
  std::size_t written = 0;
  if (input.empty() && close_input) {
    CloseInput();
  }
  std::array<char, kReadChunk> buffer{};
  for (;;) {
    CheckExited();
    if (stop == Stop::kLine && stdout_buffer_.find('\n') != std::string::npos) {
      return PumpResult::kDone;
    }
    if (stop == Stop::kLine && stdout_fd_ < 0) {
      return PumpResult::kClosed;
    }
    if (stop == Stop::kExit && exited_ && stdout_fd_ < 0 && stderr_fd_ < 0) {
      return PumpResult::kDone;
    }
    if (stdout_buffer_.size() > kMaxOutputBytes) {
      return PumpResult::kOutputTooLarge;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return PumpResult::kTimedOut;
    }

    std::array<pollfd, 4> watched{};
    std::size_t count = 0;
    const bool writing = stdin_fd_ >= 0 && written < input.size();
    if (writing) watched[count++] = {stdin_fd_, POLLOUT, 0};
    if (stdout_fd_ >= 0) watched[count++] = {stdout_fd_, POLLIN, 0};
    if (stderr_fd_ >= 0) watched[count++] = {stderr_fd_, POLLIN, 0};
    if (!exited_ && pidfd_ >= 0) watched[count++] = {pidfd_, POLLIN, 0};
    auto wait_ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    if (!exited_ && pidfd_ < 0) {
      wait_ms = std::min<decltype(wait_ms)>(wait_ms, kExitCheckMs);
    }
    if (poll(watched.data(), count, static_cast<int>(wait_ms)) < 0 && errno != EINTR) {
      error_ = fmt::format("poll failed: {}", std::strerror(errno));
      return PumpResult::kFailed;
    }

    for (std::size_t i = 0; i < count; ++i) {
      const auto& entry = watched[i];
      if (entry.revents == 0 || entry.fd == pidfd_) {
        continue;
      }
      if (entry.fd == stdin_fd_) {
        const ssize_t sent = write(stdin_fd_, input.data() + written, std::min(input.size() - written, kReadChunk));
        if (sent >= 0) {
          written += static_cast<std::size_t>(sent);
          if (written == input.size() && close_input) {
            CloseInput();
          }
        } else if (errno == EPIPE) {
          CloseInput();  // it stopped reading; what it answers decides
        } else if (errno != EAGAIN && errno != EINTR) {
          error_ = fmt::format("cannot write to the program: {}", std::strerror(errno));
          return PumpResult::kFailed;
        }
        continue;
      }
      const bool is_stdout = entry.fd == stdout_fd_;
      const ssize_t got = read(entry.fd, buffer.data(), buffer.size());
      if (got > 0) {
        if (is_stdout) {
          stdout_buffer_.append(buffer.data(), static_cast<std::size_t>(got));
        } else {
          stderr_tail_.append(buffer.data(), static_cast<std::size_t>(got));
          if (stderr_tail_.size() > kStderrTailBytes) {
            stderr_tail_.erase(0, stderr_tail_.size() - kStderrTailBytes);
          }
        }
      } else if (got == 0) {
        CloseFd(is_stdout ? stdout_fd_ : stderr_fd_);
      } else if (errno != EAGAIN && errno != EINTR) {
        error_ = fmt::format("cannot read from the program: {}", std::strerror(errno));
        return PumpResult::kFailed;
      }
    }
  }
}

ChildExit ChildProcess::Reap() {
  ChildExit result;
  if (reaped_) {
    return result;
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  exited_ = true;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  result.cpu_seconds = Seconds(usage.ru_utime) + Seconds(usage.ru_stime);
  return result;
}

ChildExit ChildProcess::KillAndReap() {
  if (!reaped_) {
    kill(-pid_, SIGKILL);
  }
  return Reap();
}

std::optional<double> ChildProcess::CpuSecondsSoFar() const {
  std::ifstream in(fmt::format("/proc/{}/stat", pid_));
  std::string stat;
  std::getline(in, stat);
  // Fields follow the command name, which is in parentheses and may hold spaces.
  const auto name_end = stat.rfind(')');
  if (name_end == std::string::npos) {
    return std::nullopt;
  }
  std::istringstream fields(stat.substr(name_end + 1));
  std::string field;
  // After the name: state (field 3) ... utime (14), stime (15), cutime (16), cstime (17).
  constexpr int kFirstTimeField = 14;
  constexpr int kLastTimeField = 17;
  double ticks = 0;
  for (int number = 3; number <= kLastTimeField && fields >> field; ++number) {
    if (number >= kFirstTimeField) {
      ticks += std::strtod(field.c_str(), nullptr);
    }
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace etalon::adapters
