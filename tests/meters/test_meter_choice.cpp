// Tests for harness/meters/meter_choice.cpp: the best meter on offer, and
// the reason it gives for every meter it could not use.
#include <catch2/catch.hpp>
#include <filesystem>

#include "etalon/meters/meter_choice.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::ChooseMeter;
using etalon::meters::MeterSources;
using etalon::testing::TempDir;

TEST_CASE("Without counters the choice falls back to the CPU-time estimate and says why", "[meters]") {
  TempDir dir;
  MeterSources sources;
  sources.powercap_root = dir.Path("no-powercap");
  sources.nvml_library = dir.Path("libnvidia-ml.so.1");
  sources.nvidia_control = dir.Write("nvidiactl", "");
  sources.cpuinfo_path = dir.Write("cpuinfo", "model name\t: AMD EPYC 7763 64-Core Processor\n");
  const auto choice = ChooseMeter(sources);
  REQUIRE(choice.meter);
  CHECK(choice.meter->Method() == "cpu-time-estimate");
  CHECK_THAT(choice.reason, Catch::StartsWith("rapl: " + sources.powercap_root + " cannot be listed"));
  CHECK_THAT(choice.reason, Catch::Contains("; nvml: " + sources.nvml_library + " cannot be loaded"));
  CHECK_THAT(choice.reason, Catch::Contains("; using cpu-time-estimate: estimate: process and reaped children") &&
                                Catch::Contains("table row 'EPYC 7763'"));
  const auto reading = choice.meter->End(choice.meter->Begin());
  REQUIRE(reading.energy);
  CHECK_FALSE(reading.energy->measured);
}

TEST_CASE("Without the NVIDIA driver's control device NVML is not looked for, and the reason says so", "[meters]") {
  TempDir dir;
  MeterSources sources;
  sources.powercap_root = dir.Path("no-powercap");
  sources.nvidia_control = dir.Path("no-nvidiactl");
  sources.nvml_library = "/nonexistent/libnvidia-ml.so.1";  // named in the reason had it been tried
  const auto choice = ChooseMeter(sources);
  CHECK(choice.meter->Method() == "cpu-time-estimate");
  CHECK_THAT(choice.reason, Catch::Contains("; nvml: no NVIDIA driver (" + sources.nvidia_control + " is absent)"));
  CHECK_THAT(choice.reason, !Catch::Contains(sources.nvml_library));
}

TEST_CASE("RAPL and NVML together are added into one measured reading", "[meters]") {
  TempDir dir;
  if (!std::filesystem::exists("/usr/bin/cc")) {
    WARN("skipped: no C compiler at /usr/bin/cc to build the fake NVML library");
    return;
  }
  // One GPU whose counter gains 2000 mJ per read.
  const auto source = dir.Write("nvml.c", R"(static unsigned long long counter;
int nvmlInit_v2(void) { return 0; }
int nvmlShutdown(void) { return 0; }
const char* nvmlErrorString(int status) { (void)status; return "error"; }
int nvmlDeviceGetCount_v2(unsigned* count) { *count = 1; return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned index, void** device) { (void)index; *device = &counter; return 0; }
int nvmlDeviceGetName(void* device, char* name, unsigned length) { (void)device; if (length > 1) { name[0] = 'G'; name[1] = 0; } return 0; }
int nvmlDeviceGetTotalEnergyConsumption(void* device, unsigned long long* mj) { (void)device; counter += 2000; *mj = counter; return 0; }
int nvmlDeviceGetPowerUsage(void* device, unsigned* mw) { (void)device; *mw = 1; return 0; }
)");
  const auto library = dir.Path("libnvml.so");
  REQUIRE(etalon::testing::RunProcess("/usr/bin/cc", {"-shared", "-fPIC", "-o", library, source}).exit_code == 0);
  dir.Write("powercap/intel-rapl:0/name", "package-0\n");
  dir.Write("powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n");
  dir.Write("powercap/intel-rapl:0/energy_uj", "1000\n");

  MeterSources sources;
  sources.powercap_root = dir.Path("powercap");
  sources.nvml_library = library;
  sources.nvidia_control.clear();
  const auto choice = ChooseMeter(sources);
  CHECK(choice.meter->Method() == "rapl+nvml");
  CHECK_THAT(choice.reason, Catch::StartsWith("rapl: available; nvml: available; using rapl+nvml: measured: RAPL"));
  const auto begin = choice.meter->Begin();
  dir.Write("powercap/intel-rapl:0/energy_uj", "501000\n");
  const auto reading = choice.meter->End(begin);
  REQUIRE(reading.energy);
  CHECK(reading.energy->measured);
  CHECK(reading.energy->method == "rapl+nvml");
  CHECK(reading.energy->joules == Approx(0.5 + 2.0));
}
