// An energy meter brackets an interval (one request, or a whole run) and
// returns the energy used over it with the method that produced the figure:
// `measured` (a hardware counter: RAPL, NVML) or estimated (a model, with
// low/high bounds). A figure never hides which one it is. See docs/energy.md
// for what each meter counts and how energy is attributed to requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/response.hpp"

namespace etalon::meters {

// A snapshot of a meter's counters at the start of an interval. Its meaning
// belongs to the meter that made it; hand it back to that meter's End.
struct MeterMark {
  std::chrono::steady_clock::time_point time;
  std::vector<std::uint64_t> counters;
  std::vector<MeterMark> parts;  // one mark per part, for meters built from others
  std::string error;             // set when a counter could not be read
};

struct MeterReading {
  std::optional<core::EnergyReading> energy;  // absent when a counter could not be read
  std::string error;                          // why `energy` is absent
};

class Meter {
 public:
  virtual ~Meter() = default;

  // The `method` its readings carry ("rapl", "nvml", "cpu-time-estimate"...).
  virtual std::string Method() const = 0;
  // What it counts and what it leaves out, in a sentence, for provenance.
  virtual std::string Description() const = 0;

  // Begin starts an interval and End finishes it, returning the energy used
  // in between. Both may be called from any thread and intervals may
  // overlap, unless the meter's own header says otherwise. Neither throws: a
  // counter that cannot be read is reported in MeterMark::error and
  // MeterReading::error.
  virtual MeterMark Begin() = 0;
  virtual MeterReading End(const MeterMark& begin) = 0;
};

}  // namespace etalon::meters
