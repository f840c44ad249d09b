// Picks the best energy meter this machine offers and says why, so a run's
// provenance can state what its energy figures are worth.
//
// Order: every measured meter that opens (RAPL for CPU packages and DRAM,
// NVML energy counters for GPUs), added together when both do; otherwise the
// CPU-time estimate of this process. NVML's power-sample estimate is not
// picked: it charges the whole GPU to the run, where the CPU-time estimate
// charges only the work this process did.
#pragma once

#include <memory>
#include <string>

#include "etalon/meters/meter.hpp"
#include "etalon/meters/nvml_meter.hpp"

namespace etalon::meters {

// Where each meter reads; tests point them at fake trees and libraries.
struct MeterSources {
  std::string powercap_root = "/sys/class/powercap";
  std::string nvml_library = kNvmlLibrary;
  // The NVIDIA driver's control device: NVML cannot start without it, so its
  // library is not even looked for. That search takes the dynamic loader's
  // lock, which libcurl's loading holds for milliseconds at a run's start.
  // Empty: no such check.
  std::string nvidia_control = "/dev/nvidiactl";
  std::string cpuinfo_path = "/proc/cpuinfo";
};

struct MeterChoice {
  std::unique_ptr<Meter> meter;  // never null
  std::string reason;            // what was tried, what failed and why, what was picked
};

MeterChoice ChooseMeter(const MeterSources& sources = {});

}  // namespace etalon::meters
