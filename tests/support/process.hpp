// Runs the etalon binary (or any program) as a child process, for CLI
// integration tests: captured output and exit code, or a handle to kill it.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace etalon::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `program` with `args` to completion; stdin is /dev/null.
ProcessResult RunProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::vector<std::string>& extra_environment = {});

// The etalon binary built with these tests.
ProcessResult RunEtalon(const std::vector<std::string>& args, const std::vector<std::string>& extra_environment = {});

// The etalon binary with every file it writes capped at `max_file_bytes`
// (RLIMIT_FSIZE, SIGXFSZ ignored): a write past the cap fails with EFBIG, as
// on a full disk, without needing a small file system or privileges.
ProcessResult RunEtalonWithFileSizeLimit(const std::vector<std::string>& args, std::size_t max_file_bytes,
                                         const std::vector<std::string>& extra_environment = {});

// Starts `program` with stdout to `out_path`, stderr to `err_path`, and returns its pid.
pid_t StartProcess(const std::string& program, const std::vector<std::string>& args,
                   const std::string& out_path = "/dev/null", const std::string& err_path = "/dev/null",
                   const std::vector<std::string>& extra_environment = {});
// Waits for `pid`; returns its exit code, or -1 when a signal ended it.
int WaitProcess(pid_t pid);
// The same without waiting: empty while `pid` still runs.
std::optional<int> TryWaitProcess(pid_t pid);

}  // namespace etalon::testing
