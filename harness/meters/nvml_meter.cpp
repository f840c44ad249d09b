#include "etalon/meters/nvml_meter.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace etalon::meters {

// NVML's C interface, declared here rather than taken from nvml.h (not in
// Debian main): nvmlReturn_t is an int enum whose success value is 0, and
// nvmlDevice_t an opaque pointer.
struct NvmlMeter::Api {
  using Init = int (*)();
  using Shutdown = int (*)();
  using ErrorString = const char* (*)(int);
  using DeviceGetCount = int (*)(unsigned*);
  using DeviceGetHandleByIndex = int (*)(unsigned, void**);
  using DeviceGetName = int (*)(void*, char*, unsigned);
  using DeviceGetTotalEnergyConsumption = int (*)(void*, unsigned long long*);
  using DeviceGetPowerUsage = int (*)(void*, unsigned*);

  Init init = nullptr;
  Shutdown shutdown = nullptr;
  ErrorString error_string = nullptr;
  DeviceGetCount device_get_count = nullptr;
  DeviceGetHandleByIndex device_get_handle_by_index = nullptr;
  DeviceGetName device_get_name = nullptr;
  DeviceGetTotalEnergyConsumption device_get_total_energy_consumption = nullptr;
  DeviceGetPowerUsage device_get_power_usage = nullptr;

  std::string Describe(int status) const { return fmt::format("{} ({})", error_string(status), status); }
};

namespace {

constexpr int kNvmlSuccess = 0;
constexpr std::size_t kNvmlNameLength = 96;  // NVML_DEVICE_NAME_V2_BUFFER_SIZE
constexpr double kJoulesPerMillijoule = 1e-3;
constexpr double kWattsPerMilliwatt = 1e-3;

template <typename Function>
bool Resolve(void* library, const char* name, Function& function, std::string& problem) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) {
    problem = fmt::format("NVML has no {}: driver too old", name);
    return false;
  }
  function = reinterpret_cast<Function>(symbol);
  return true;
}

}  // namespace

NvmlMeter::NvmlMeter(void* library, std::unique_ptr<Api> api) : library_(library), api_(std::move(api)) {}

NvmlMeter::~NvmlMeter() {
  api_->shutdown();
  dlclose(library_);
}

std::unique_ptr<NvmlMeter> NvmlMeter::Open(const std::string& library, std::string& problem) {
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    problem = fmt::format("{} cannot be loaded ({}): no NVIDIA driver", library, dlerror());
    return nullptr;
  }
  auto api = std::make_unique<Api>();
  if (!Resolve(handle, "nvmlInit_v2", api->init, problem) || !Resolve(handle, "nvmlShutdown", api->shutdown, problem) ||
      !Resolve(handle, "nvmlErrorString", api->error_string, problem) ||
      !Resolve(handle, "nvmlDeviceGetCount_v2", api->device_get_count, problem) ||
      !Resolve(handle, "nvmlDeviceGetHandleByIndex_v2", api->device_get_handle_by_index, problem) ||
      !Resolve(handle, "nvmlDeviceGetName", api->device_get_name, problem) ||
      !Resolve(handle, "nvmlDeviceGetTotalEnergyConsumption", api->device_get_total_energy_consumption, problem) ||
      !Resolve(handle, "nvmlDeviceGetPowerUsage", api->device_get_power_usage, problem)) {
    dlclose(handle);
    return nullptr;
  }
  if (const int status = api->init(); status != kNvmlSuccess) {
    problem = fmt::format("nvmlInit failed: {}", api->Describe(status));
    dlclose(handle);
    return nullptr;
  }
  // From here the meter owns the library and shuts NVML down when destroyed.
  std::unique_ptr<NvmlMeter> meter(new NvmlMeter(handle, std::move(api)));
  const Api& nvml = *meter->api_;
  unsigned count = 0;
  if (const int status = nvml.device_get_count(&count); status != kNvmlSuccess) {
    problem = fmt::format("nvmlDeviceGetCount failed: {}", nvml.Describe(status));
    return nullptr;
  }
  std::vector<Device> with_counter;
  std::vector<Device> with_power;
  for (unsigned index = 0; index < count; ++index) {
    Device device;
    device.index = index;
    if (const int status = nvml.device_get_handle_by_index(index, &device.handle); status != kNvmlSuccess) {
      meter->left_out_ +=
          fmt::format("{}GPU {}: {}", meter->left_out_.empty() ? "" : "; ", index, nvml.Describe(status));
      continue;
    }
    std::array<char, kNvmlNameLength> name{};
    if (nvml.device_get_name(device.handle, name.data(), name.size()) == kNvmlSuccess) {
      device.name = name.data();
    }
    unsigned long long millijoules = 0;
    unsigned milliwatts = 0;
    if (nvml.device_get_total_energy_consumption(device.handle, &millijoules) == kNvmlSuccess) {
      with_counter.push_back(device);
    } else if (nvml.device_get_power_usage(device.handle, &milliwatts) == kNvmlSuccess) {
      with_power.push_back(device);
    } else {
      meter->left_out_ += fmt::format("{}GPU {} ({}): neither energy nor power readable",
                                      meter->left_out_.empty() ? "" : "; ", index, device.name);
    }
  }
  if (!with_counter.empty()) {
    for (const auto& device : with_power) {
      meter->left_out_ += fmt::format("{}GPU {} ({}): no energy counter", meter->left_out_.empty() ? "" : "; ",
                                      device.index, device.name);
    }
    meter->devices_ = std::move(with_counter);
  } else {
    meter->energy_counters_ = false;
    meter->devices_ = std::move(with_power);
  }
  if (meter->devices_.empty()) {
    problem = fmt::format("NVML sees no GPU whose energy or power can be read{}",
                          meter->left_out_.empty() ? "" : " (" + meter->left_out_ + ")");
    return nullptr;
  }
  return meter;
}

std::string NvmlMeter::Method() const { return energy_counters_ ? "nvml" : "nvml-power-estimate"; }

std::string NvmlMeter::Description() const {
  std::string devices;
  for (const auto& device : devices_) {
    devices += fmt::format("{}GPU {} ({})", devices.empty() ? "" : ", ", device.index, device.name);
  }
  return fmt::format("{} of {}; every process on those GPUs included{}",
                     energy_counters_ ? "measured: NVML energy counters" : "estimate: NVML power at both ends", devices,
                     left_out_.empty() ? "" : "; not counted: " + left_out_);
}

MeterMark NvmlMeter::Begin() {
  MeterMark mark;
  mark.time = std::chrono::steady_clock::now();
  for (const auto& device : devices_) {
    int status = kNvmlSuccess;
    if (energy_counters_) {
      unsigned long long millijoules = 0;
      status = api_->device_get_total_energy_consumption(device.handle, &millijoules);
      mark.counters.push_back(millijoules);
    } else {
      unsigned milliwatts = 0;
      status = api_->device_get_power_usage(device.handle, &milliwatts);
      mark.counters.push_back(milliwatts);
    }
    if (status != kNvmlSuccess) {
      mark.error = fmt::format("NVML cannot read GPU {}: {}", device.index, api_->Describe(status));
      mark.counters.clear();
      return mark;
    }
  }
  return mark;
}

MeterReading NvmlMeter::End(const MeterMark& begin) {
  const auto end = Begin();
  MeterReading reading;
  if (!begin.error.empty() || !end.error.empty()) {
    reading.error = begin.error.empty() ? end.error : begin.error;
    return reading;
  }
  if (begin.counters.size() != devices_.size()) {
    reading.error = "the begin mark was not made by this NVML meter";
    return reading;
  }
  core::EnergyReading energy;
  energy.method = Method();
  energy.measured = energy_counters_;
  const double seconds = std::chrono::duration<double>(end.time - begin.time).count();
  double low = 0;
  double high = 0;
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    const auto from = begin.counters[i];
    const auto to = end.counters[i];
    if (energy_counters_) {
      if (to < from) {
        reading.error =
            fmt::format("the energy counter of GPU {} went back: the driver was reloaded", devices_[i].index);
        return reading;
      }
      energy.joules += static_cast<double>(to - from) * kJoulesPerMillijoule;
    } else {
      const double first = static_cast<double>(from) * kWattsPerMilliwatt;
      const double last = static_cast<double>(to) * kWattsPerMilliwatt;
      energy.joules += (first + last) / 2 * seconds;
      low += std::min(first, last) * seconds;
      high += std::max(first, last) * seconds;
    }
  }
  if (!energy_counters_) {
    energy.low_joules = low;
    energy.high_joules = high;
  }
  reading.energy = energy;
  return reading;
}

}  // namespace etalon::meters
