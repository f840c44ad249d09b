#include "etalon/meters/cpu_time_meter.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace etalon::meters {

namespace {

constexpr std::uint64_t kMicrosecondsPerSecond = 1'000'000;

std::uint64_t Microseconds(const timeval& time) {
  return static_cast<std::uint64_t>(time.tv_sec) * kMicrosecondsPerSecond + static_cast<std::uint64_t>(time.tv_usec);
}

// User plus system time of `who`, in microseconds; false when getrusage fails.
bool CpuMicroseconds(int who, std::uint64_t& total) {
  rusage usage{};
  if (getrusage(who, &usage) != 0) {
    return false;
  }
  total += Microseconds(usage.ru_utime) + Microseconds(usage.ru_stime);
  return true;
}

}  // namespace

core::EnergyReading EstimateFromCpuSeconds(double cpu_seconds, const CpuPower& power) {
  core::EnergyReading reading;
  reading.joules = cpu_seconds * power.watts;
  reading.measured = false;
  reading.method = kCpuTimeEstimateMethod;
  reading.low_joules = cpu_seconds * power.low_watts;
  reading.high_joules = cpu_seconds * power.high_watts;
  return reading;
}

core::EnergyReading EstimateFromCpuSeconds(double cpu_seconds) {
  return EstimateFromCpuSeconds(cpu_seconds, HostCpuPower());
}

CpuTimeMeter::CpuTimeMeter(CpuTimeScope scope, CpuPower power) : scope_(scope), power_(std::move(power)) {}

std::string CpuTimeMeter::Description() const {
  return fmt::format("estimate: {} CPU time x {:.2f} W per busy logical CPU [{:.2f}, {:.2f}], CPU '{}', {}",
                     scope_ == CpuTimeScope::kThread ? "thread" : "process and reaped children", power_.watts,
                     power_.low_watts, power_.high_watts, power_.model_name, power_.basis);
}

MeterMark CpuTimeMeter::Begin() {
  MeterMark mark;
  mark.time = std::chrono::steady_clock::now();
  std::uint64_t total = 0;
  const bool read = scope_ == CpuTimeScope::kThread
                        ? CpuMicroseconds(RUSAGE_THREAD, total)
                        : CpuMicroseconds(RUSAGE_SELF, total) && CpuMicroseconds(RUSAGE_CHILDREN, total);
  if (!read) {
    mark.error = fmt::format("getrusage failed: {}", std::strerror(errno));
    return mark;
  }
  mark.counters.push_back(total);
  return mark;
}

MeterReading CpuTimeMeter::End(const MeterMark& begin) {
  const auto end = Begin();
  MeterReading reading;
  if (!begin.error.empty() || !end.error.empty()) {
    reading.error = begin.error.empty() ? end.error : begin.error;
    return reading;
  }
  if (begin.counters.size() != 1) {
    reading.error = "the begin mark was not made by a CPU-time meter";
    return reading;
  }
  // CPU time never decreases; a smaller end value means the mark came from another thread.
  const auto elapsed = end.counters[0] >= begin.counters[0] ? end.counters[0] - begin.counters[0] : 0;
  reading.energy = EstimateFromCpuSeconds(static_cast<double>(elapsed) / kMicrosecondsPerSecond, power_);
  return reading;
}

}  // namespace etalon::meters
