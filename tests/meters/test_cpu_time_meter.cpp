// Tests for harness/meters/cpu_power.cpp and cpu_time_meter.cpp: the table's
// derived figures, its fallbacks, and CPU time turned into an estimate.
#include <time.h>

#include <catch2/catch.hpp>
#include <cstdint>

#include "etalon/meters/cpu_power.hpp"
#include "etalon/meters/cpu_time_meter.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::CpuTimeMeter;
using etalon::meters::CpuTimeScope;
using etalon::meters::LookUpCpuPower;

namespace {

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Keeps the calling thread busy for `seconds` of its own CPU time, however
// loaded the machine is.
void BurnCpu(double seconds) {
  const double until = ThreadCpuSeconds() + seconds;
  volatile std::uint64_t sink = 0;
  while (ThreadCpuSeconds() < until) {
    for (int i = 0; i < 1000; ++i) {
      sink = sink + static_cast<std::uint64_t>(i);
    }
  }
}

}  // namespace

TEST_CASE("A listed CPU gets TDP per thread and per core as bounds", "[meters]") {
  const auto power = LookUpCpuPower("AMD EPYC 7763 64-Core Processor");
  CHECK(power.model_name == "AMD EPYC 7763 64-Core Processor");
  CHECK(power.low_watts == Approx(280.0 / 128));
  CHECK(power.high_watts == Approx(280.0 / 64));
  CHECK(power.watts == Approx((280.0 / 128 + 280.0 / 64) / 2));
  CHECK(power.basis == "table row 'EPYC 7763' (TDP 280 W, 64 cores, 128 threads)");

  const auto xeon = LookUpCpuPower("Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz");
  CHECK(xeon.high_watts == Approx(135.0 / 14));
}

TEST_CASE("An unlisted CPU falls back to its family, then to the default row", "[meters]") {
  // A virtual machine that hides the exact model, as on etalon's own CI.
  const auto family = LookUpCpuPower("AMD EPYC");
  CHECK_THAT(family.basis, Catch::StartsWith("family row 'EPYC'"));
  CHECK(family.low_watts == Approx(225.0 / 128));  // EPYC 7713
  CHECK(family.high_watts == Approx(225.0 / 32));  // EPYC 7543
  CHECK(family.low_watts < family.watts);
  CHECK(family.watts < family.high_watts);

  const auto unknown = LookUpCpuPower("");
  CHECK_THAT(unknown.basis, Catch::StartsWith("default row"));
  CHECK(unknown.low_watts == Approx(225.0 / 128));
  CHECK(unknown.high_watts == Approx(135.0 / 14));  // E5-2690 v4
}

TEST_CASE("The CPU model is read from cpuinfo", "[meters]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("cpuinfo",
                              "processor\t: 0\nvendor_id\t: GenuineIntel\n"
                              "model name\t: Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz\n\n"
                              "processor\t: 1\nmodel name\t: something else\n");
  CHECK(etalon::meters::ReadCpuModelName(path) == "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz");
  CHECK(etalon::meters::ReadCpuModelName(dir.Path("absent")).empty());
}

TEST_CASE("CPU seconds become an estimate with bounds", "[meters]") {
  const auto power = LookUpCpuPower("AMD EPYC 7763");
  const auto reading = etalon::meters::EstimateFromCpuSeconds(2.0, power);
  CHECK_FALSE(reading.measured);
  CHECK(reading.method == "cpu-time-estimate");
  CHECK(reading.joules == Approx(2.0 * power.watts));
  CHECK(reading.low_joules == Approx(2.0 * power.low_watts));
  CHECK(reading.high_joules == Approx(2.0 * power.high_watts));
  CHECK(etalon::meters::EstimateFromCpuSeconds(0).joules == 0);
}

TEST_CASE("The thread meter counts the CPU time of the calling thread", "[meters]") {
  CpuTimeMeter meter(CpuTimeScope::kThread, LookUpCpuPower("AMD EPYC 7763"));
  const auto begin = meter.Begin();
  BurnCpu(0.06);
  const auto reading = meter.End(begin);
  REQUIRE(reading.energy);
  const double cpu_seconds = reading.energy->joules / LookUpCpuPower("AMD EPYC 7763").watts;
  CHECK(cpu_seconds >= 0.059);
  CHECK(cpu_seconds < 1.0);
  CHECK(*reading.energy->low_joules < reading.energy->joules);
  CHECK(reading.energy->joules < *reading.energy->high_joules);
}

TEST_CASE("The process meter counts children once they are reaped", "[meters]") {
  CpuTimeMeter meter(CpuTimeScope::kProcess, LookUpCpuPower("AMD EPYC 7763"));
  CHECK_THAT(meter.Description(), Catch::Contains("process and reaped children"));
  const auto begin = meter.Begin();
  const auto child =
      etalon::testing::RunProcess("/bin/sh", {"-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"});
  REQUIRE(child.exit_code == 0);
  const auto reading = meter.End(begin);
  REQUIRE(reading.energy);
  CHECK(reading.energy->joules > 0);

  const auto foreign = meter.End(etalon::meters::MeterMark{});
  CHECK_FALSE(foreign.energy);
  CHECK(foreign.error == "the begin mark was not made by a CPU-time meter");
}
