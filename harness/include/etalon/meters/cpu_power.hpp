// Power drawn by one busy logical CPU, from a table keyed by the CPU model
// (/proc/cpuinfo "model name"): what turns CPU seconds into an energy
// estimate where no hardware counter can be read.
//
// Each row holds a model's published TDP and its core and thread counts;
// the figures are derived, never typed in:
//   low     = TDP / hardware threads  (every thread busy, the package at TDP)
//   high    = TDP / physical cores    (one busy thread per core)
//   central = (low + high) / 2
// A model missing from the table falls back to its family row (EPYC, Xeon:
// the lowest low, highest high and mean central of the family's rows), then
// to the default row (the same over every row). docs/energy.md says what the
// bounds cover and what they do not (turbo above TDP, DRAM, idle power).
#pragma once

#include <string>
#include <string_view>

namespace etalon::meters {

struct CpuPower {
  std::string model_name;  // as /proc/cpuinfo gives it; empty when it could not be read
  std::string basis;       // the table row used and why, e.g. "family row 'EPYC' (model not in the table)"
  double watts = 0;        // central figure per busy logical CPU
  double low_watts = 0;
  double high_watts = 0;
};

// The table row for `model_name` (a substring match, most specific row first).
CpuPower LookUpCpuPower(std::string_view model_name);

// The first "model name" of a cpuinfo file; empty when absent or unreadable
// (some ARM kernels do not give one).
std::string ReadCpuModelName(const std::string& cpuinfo_path);

// This machine's row, read from /proc/cpuinfo once per process. Thread-safe.
const CpuPower& HostCpuPower();

}  // namespace etalon::meters
