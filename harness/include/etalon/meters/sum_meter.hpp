// Meters of different hardware read together and added: RAPL (CPU packages
// and DRAM) plus NVML (GPUs) on a GPU server. Every part must be measured,
// so a sum never mixes a measurement with an estimate; the method names the
// parts ("rapl+nvml").
#pragma once

#include <memory>
#include <vector>

#include "etalon/meters/meter.hpp"

namespace etalon::meters {

class SumMeter final : public Meter {
 public:
  // `parts` are measured meters of disjoint hardware.
  explicit SumMeter(std::vector<std::unique_ptr<Meter>> parts);

  std::string Method() const override;
  std::string Description() const override;
  MeterMark Begin() override;
  MeterReading End(const MeterMark& begin) override;

 private:
  std::vector<std::unique_ptr<Meter>> parts_;
};

}  // namespace etalon::meters
