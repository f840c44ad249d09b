// Exit codes, kept distinct because CI pipelines branch on them.
#pragma once

namespace etalon::cli {

enum ExitCode : int {
  kExitSuccess = 0,
  kExitRegression = 1,      // a gate found a regression, or verify found altered evidence
  kExitInputError = 2,      // usage error or bad input (plan, suite, dataset, output folder)
  kExitRunFailed = 3,       // the run finished, but failed requests exceed the plan's tolerance, or it was cut short
  kExitInternalError = 4,   // a bug or an environment failure (disk full...)
};

}  // namespace etalon::cli
