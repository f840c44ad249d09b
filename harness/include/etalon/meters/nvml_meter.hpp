// NVIDIA GPU energy through NVML, loaded with dlopen at run time so etalon
// builds and runs on machines without the driver.
//
// Devices with a total-energy counter (nvmlDeviceGetTotalEnergyConsumption,
// millijoules since the driver loaded; Volta and newer) are measured, method
// "nvml"; devices without one are listed in the description and not counted.
// When no device has the counter, power samples at the two ends of the
// interval (nvmlDeviceGetPowerUsage, milliwatts) give an estimate, method
// "nvml-power-estimate": their mean times the interval, bounded by the lower
// and the higher sample (bounds of the two samples, not of what happened in
// between). Every GPU of the machine is counted, whoever uses it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "etalon/meters/meter.hpp"

namespace etalon::meters {

inline constexpr const char* kNvmlLibrary = "libnvidia-ml.so.1";

class NvmlMeter final : public Meter {
 public:
  // Loads `library` (normally kNvmlLibrary) and finds the GPUs. Returns
  // nullptr and sets `problem` when the library, a function or a usable GPU
  // is missing.
  static std::unique_ptr<NvmlMeter> Open(const std::string& library, std::string& problem);
  ~NvmlMeter() override;
  NvmlMeter(const NvmlMeter&) = delete;
  NvmlMeter& operator=(const NvmlMeter&) = delete;

  std::string Method() const override;
  std::string Description() const override;
  MeterMark Begin() override;
  MeterReading End(const MeterMark& begin) override;

 private:
  struct Api;  // the NVML functions, resolved with dlsym
  struct Device {
    unsigned index = 0;
    std::string name;
    void* handle = nullptr;  // nvmlDevice_t
  };

  NvmlMeter(void* library, std::unique_ptr<Api> api);

  void* library_;  // dlopen handle
  std::unique_ptr<Api> api_;
  bool energy_counters_ = true;  // false: power-sample estimate
  std::vector<Device> devices_;  // the counted ones
  std::string left_out_;         // devices not counted, and why
};

}  // namespace etalon::meters
