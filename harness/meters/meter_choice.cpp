#include "etalon/meters/meter_choice.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <vector>

#include "etalon/meters/cpu_time_meter.hpp"
#include "etalon/meters/rapl_meter.hpp"
#include "etalon/meters/sum_meter.hpp"

namespace etalon::meters {

MeterChoice ChooseMeter(const MeterSources& sources) {
  std::vector<std::unique_ptr<Meter>> measured;
  std::string reason;

  std::string problem;
  if (auto rapl = RaplMeter::Open(sources.powercap_root, problem)) {
    reason += "rapl: available";
    measured.push_back(std::move(rapl));
  } else {
    reason += "rapl: " + problem;
  }

  problem.clear();
  if (!sources.nvidia_control.empty() && !std::filesystem::exists(sources.nvidia_control)) {
    reason += fmt::format("; nvml: no NVIDIA driver ({} is absent)", sources.nvidia_control);
  } else if (auto nvml = NvmlMeter::Open(sources.nvml_library, problem)) {
    if (nvml->Method() == "nvml") {
      reason += "; nvml: available";
      measured.push_back(std::move(nvml));
    } else {
      reason += "; nvml: no GPU has an energy counter, and power samples charge the whole GPU to the run";
    }
  } else {
    reason += "; nvml: " + problem;
  }

  MeterChoice choice;
  if (measured.size() > 1) {
    choice.meter = std::make_unique<SumMeter>(std::move(measured));
  } else if (measured.size() == 1) {
    choice.meter = std::move(measured.front());
  } else {
    choice.meter =
        std::make_unique<CpuTimeMeter>(CpuTimeScope::kProcess, LookUpCpuPower(ReadCpuModelName(sources.cpuinfo_path)));
  }
  choice.reason = fmt::format("{}; using {}: {}", reason, choice.meter->Method(), choice.meter->Description());
  return choice;
}

}  // namespace etalon::meters
