#include "etalon/meters/sum_meter.hpp"

#include <fmt/format.h>

namespace etalon::meters {

SumMeter::SumMeter(std::vector<std::unique_ptr<Meter>> parts) : parts_(std::move(parts)) {}

std::string SumMeter::Method() const {
  std::string method;
  for (const auto& part : parts_) {
    method += (method.empty() ? "" : "+") + part->Method();
  }
  return method;
}

std::string SumMeter::Description() const {
  std::string description;
  for (const auto& part : parts_) {
    description += (description.empty() ? "" : " | ") + part->Description();
  }
  return description;
}

MeterMark SumMeter::Begin() {
  MeterMark mark;
  mark.time = std::chrono::steady_clock::now();
  for (const auto& part : parts_) {
    mark.parts.push_back(part->Begin());
  }
  return mark;
}

MeterReading SumMeter::End(const MeterMark& begin) {
  MeterReading reading;
  if (begin.parts.size() != parts_.size()) {
    reading.error = "the begin mark was not made by this meter";
    return reading;
  }
  core::EnergyReading energy;
  energy.measured = true;
  energy.method = Method();
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const auto part = parts_[i]->End(begin.parts[i]);
    if (!part.energy) {
      reading.error = fmt::format("{}: {}", parts_[i]->Method(), part.error);
      return reading;
    }
    energy.joules += part.energy->joules;
  }
  reading.energy = energy;
  return reading;
}

}  // namespace etalon::meters
