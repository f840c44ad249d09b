// The meter of last resort: CPU time times the power of one busy logical CPU
// (cpu_power.hpp). Always available, always an estimate with bounds, method
// "cpu-time-estimate". It counts the CPU work of this process (and, in
// process scope, of its children once reaped), not idle power, memory, GPUs
// or the rest of the machine: docs/energy.md.
#pragma once

#include "etalon/meters/cpu_power.hpp"
#include "etalon/meters/meter.hpp"

namespace etalon::meters {

inline constexpr const char* kCpuTimeEstimateMethod = "cpu-time-estimate";

// The estimate for `cpu_seconds` of CPU time (user + system) with `power`.
core::EnergyReading EstimateFromCpuSeconds(double cpu_seconds, const CpuPower& power);
// The same with this machine's row (HostCpuPower): what adapters call with
// the CPU time of a child process (wait4) or of a thread (RUSAGE_THREAD).
core::EnergyReading EstimateFromCpuSeconds(double cpu_seconds);

enum class CpuTimeScope {
  kProcess,  // this process's threads plus its children reaped so far (RUSAGE_SELF + RUSAGE_CHILDREN)
  kThread,   // the calling thread only (RUSAGE_THREAD): Begin and End must run on the same thread
};

class CpuTimeMeter final : public Meter {
 public:
  CpuTimeMeter(CpuTimeScope scope, CpuPower power);

  std::string Method() const override { return kCpuTimeEstimateMethod; }
  std::string Description() const override;
  MeterMark Begin() override;
  MeterReading End(const MeterMark& begin) override;

 private:
  CpuTimeScope scope_;
  CpuPower power_;
};

}  // namespace etalon::meters
