#include "support/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "support/temp_dir.hpp"

extern char** environ;

namespace etalon::testing {

namespace {

std::vector<char*> Argv(const std::string& program, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  return argv;
}

pid_t Spawn(const std::string& program, const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path, const std::vector<std::string>& extra_environment) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> environment_strings;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    environment_strings.emplace_back(*variable);
  }
  environment_strings.insert(environment_strings.end(), extra_environment.begin(), extra_environment.end());
  std::vector<char*> environment;
  for (auto& variable : environment_strings) {
    environment.push_back(variable.data());
  }
  environment.push_back(nullptr);
  auto argv = Argv(program, args);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environment.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw std::runtime_error(std::string("posix_spawn failed: ") + std::strerror(error));
  }
  return pid;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

int WaitProcess(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error("waitpid failed");
    }
  }
  return ExitCode(status);
}

std::optional<int> TryWaitProcess(pid_t pid) {
  int status = 0;
  pid_t ended = 0;
  while ((ended = waitpid(pid, &status, WNOHANG)) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error("waitpid failed");
    }
  }
  if (ended == 0) {
    return std::nullopt;
  }
  return ExitCode(status);
}

ProcessResult RunProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::vector<std::string>& extra_environment) {
  TempDir capture;
  const auto out_path = capture.Path("out");
  const auto err_path = capture.Path("err");
  const pid_t pid = Spawn(program, args, out_path, err_path, extra_environment);
  ProcessResult result;
  result.exit_code = WaitProcess(pid);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

ProcessResult RunEtalon(const std::vector<std::string>& args, const std::vector<std::string>& extra_environment) {
  return RunProcess(ETALON_BINARY, args, extra_environment);
}

ProcessResult RunEtalonWithFileSizeLimit(const std::vector<std::string>& args, std::size_t max_file_bytes,
                                         const std::vector<std::string>& extra_environment) {
  // prlimit(1) sets the cap and execs etalon, which inherits SIGXFSZ ignored from the shell's trap.
  std::vector<std::string> shell_args = {
      "-c", "trap '' XFSZ; exec prlimit --fsize=" + std::to_string(max_file_bytes) + " \"$0\" \"$@\"", ETALON_BINARY};
  shell_args.insert(shell_args.end(), args.begin(), args.end());
  return RunProcess("/bin/sh", shell_args, extra_environment);
}

pid_t StartProcess(const std::string& program, const std::vector<std::string>& args, const std::string& out_path,
                   const std::string& err_path, const std::vector<std::string>& extra_environment) {
  return Spawn(program, args, out_path, err_path, extra_environment);
}

}  // namespace etalon::testing
