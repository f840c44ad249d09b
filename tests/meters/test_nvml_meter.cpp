// Tests for harness/meters/nvml_meter.cpp against a fake libnvidia-ml built
// at test time with the system C compiler: energy counters, a GPU without
// one, the power-sample estimate, and a driver that lacks a function.
#include <catch2/catch.hpp>
#include <filesystem>

#include "etalon/meters/nvml_meter.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::NvmlMeter;
using etalon::testing::TempDir;

namespace {

constexpr const char* kCompiler = "/usr/bin/cc";

// Two GPUs. Each energy read adds 1500 mJ (GPU 0) or 2500 mJ (GPU 1) to the
// counter; each power read adds 100 W to the last sample. Macros remove the
// counter of GPU 1 (FAKE_GPU1_NO_COUNTER), of both (FAKE_NO_COUNTER), or the
// power function itself (FAKE_OLD_DRIVER).
constexpr const char* kFakeNvml = R"(#include <stdio.h>
static unsigned long long energy_mj[2];
static unsigned power_mw[2];
static const unsigned long long energy_step_mj[2] = {1500, 2500};
int nvmlInit_v2(void) { return 0; }
int nvmlShutdown(void) { return 0; }
const char* nvmlErrorString(int status) { return status == 3 ? "Not Supported" : "Unknown Error"; }
int nvmlDeviceGetCount_v2(unsigned* count) { *count = 2; return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned index, void** device) { *device = &energy_mj[index]; return 0; }
static unsigned IndexOf(void* device) { return device == &energy_mj[0] ? 0 : 1; }
int nvmlDeviceGetName(void* device, char* name, unsigned length) {
  snprintf(name, length, "Fake GPU %u", IndexOf(device));
  return 0;
}
int nvmlDeviceGetTotalEnergyConsumption(void* device, unsigned long long* millijoules) {
  unsigned index = IndexOf(device);
#if defined(FAKE_NO_COUNTER)
  return 3;
#elif defined(FAKE_GPU1_NO_COUNTER)
  if (index == 1) return 3;
#endif
  energy_mj[index] += energy_step_mj[index];
  *millijoules = energy_mj[index];
  return 0;
}
#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetPowerUsage(void* device, unsigned* milliwatts) {
  unsigned index = IndexOf(device);
  power_mw[index] += 100000;
  *milliwatts = power_mw[index];
  return 0;
}
#endif
)";

// Builds the fake library with `define` (may be empty) and returns its path,
// or "" when no C compiler is installed.
std::string BuildFakeNvml(const TempDir& dir, const std::string& define) {
  if (!std::filesystem::exists(kCompiler)) {
    return {};
  }
  const auto source = dir.Write("fake_nvml.c", kFakeNvml);
  const auto library = dir.Path("libfake-nvml" + define + ".so");
  std::vector<std::string> args = {"-shared", "-fPIC", "-o", library, source};
  if (!define.empty()) {
    args.push_back("-D" + define);
  }
  const auto built = etalon::testing::RunProcess(kCompiler, args);
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  return library;
}

}  // namespace

TEST_CASE("NVML adds the energy counters of every GPU", "[meters]") {
  TempDir dir;
  const auto library = BuildFakeNvml(dir, "");
  if (library.empty()) {
    WARN("skipped: no C compiler at " << kCompiler << " to build the fake NVML library");
    return;
  }
  std::string problem;
  auto meter = NvmlMeter::Open(library, problem);
  REQUIRE(meter);
  CHECK(meter->Method() == "nvml");
  CHECK(
      meter->Description() ==
      "measured: NVML energy counters of GPU 0 (Fake GPU 0), GPU 1 (Fake GPU 1); every process on those GPUs included");
  const auto begin = meter->Begin();
  const auto reading = meter->End(begin);
  REQUIRE(reading.energy);
  CHECK(reading.energy->measured);
  CHECK(reading.energy->method == "nvml");
  CHECK(reading.energy->joules == Approx(1.5 + 2.5));
  CHECK_FALSE(reading.energy->high_joules);
}

TEST_CASE("NVML leaves out a GPU without an energy counter and says so", "[meters]") {
  TempDir dir;
  const auto library = BuildFakeNvml(dir, "FAKE_GPU1_NO_COUNTER");
  if (library.empty()) {
    WARN("skipped: no C compiler at " << kCompiler);
    return;
  }
  std::string problem;
  auto meter = NvmlMeter::Open(library, problem);
  REQUIRE(meter);
  CHECK_THAT(meter->Description(), Catch::EndsWith("not counted: GPU 1 (Fake GPU 1): no energy counter"));
  const auto reading = meter->End(meter->Begin());
  REQUIRE(reading.energy);
  CHECK(reading.energy->measured);
  CHECK(reading.energy->joules == Approx(1.5));
}

TEST_CASE("NVML without energy counters estimates from power samples, with bounds", "[meters]") {
  TempDir dir;
  const auto library = BuildFakeNvml(dir, "FAKE_NO_COUNTER");
  if (library.empty()) {
    WARN("skipped: no C compiler at " << kCompiler);
    return;
  }
  std::string problem;
  auto meter = NvmlMeter::Open(library, problem);
  REQUIRE(meter);
  CHECK(meter->Method() == "nvml-power-estimate");
  // The probe read 100 W per GPU; Begin reads 200 W and End 300 W.
  const auto begin = meter->Begin();
  const auto reading = meter->End(begin);
  REQUIRE(reading.energy);
  CHECK_FALSE(reading.energy->measured);
  CHECK(reading.energy->method == "nvml-power-estimate");
  REQUIRE(reading.energy->low_joules);
  REQUIRE(reading.energy->high_joules);
  REQUIRE(*reading.energy->low_joules > 0);
  CHECK(reading.energy->joules / *reading.energy->low_joules == Approx(250.0 / 200.0));
  CHECK(*reading.energy->high_joules / *reading.energy->low_joules == Approx(300.0 / 200.0));
}

TEST_CASE("NVML says why it cannot be used", "[meters]") {
  TempDir dir;
  std::string problem;
  CHECK_FALSE(NvmlMeter::Open(dir.Path("libnvidia-ml.so.1"), problem));
  CHECK_THAT(problem, Catch::Contains("cannot be loaded") && Catch::EndsWith("no NVIDIA driver"));

  const auto library = BuildFakeNvml(dir, "FAKE_OLD_DRIVER");
  if (library.empty()) {
    WARN("skipped: no C compiler at " << kCompiler);
    return;
  }
  CHECK_FALSE(NvmlMeter::Open(library, problem));
  CHECK(problem == "NVML has no nvmlDeviceGetPowerUsage: driver too old");
}
