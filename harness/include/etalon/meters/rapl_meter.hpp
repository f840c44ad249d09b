// Intel and AMD RAPL energy counters through the Linux powercap interface
// (/sys/class/powercap/intel-rapl:N[:M]/energy_uj, both vendors use the
// intel-rapl driver names). Measured, method "rapl".
//
// What is added up: every package domain and every DRAM domain. Core and
// uncore domains sit inside their package, so they are read and kept for
// detail but not added again; psys (the whole platform, laptops) overlaps the
// package and is left out; intel-rapl-mmio zones repeat the package through
// another interface and are skipped. A counter that wraps (it restarts from 0
// after max_energy_range_uj) is corrected once per interval: an interval
// longer than one wrap period (tens of minutes at full load) is under-counted,
// which is why run-long readings must be taken in shorter slices.
//
// Counters cover the whole socket, every process included: see docs/energy.md
// for how a reading is shared between concurrent requests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "etalon/meters/meter.hpp"

namespace etalon::meters {

enum class RaplDomainKind {
  kPackage,   // added
  kDram,      // added
  kCore,      // inside the package: read, not added
  kUncore,    // inside the package: read, not added
  kPlatform,  // psys: overlaps the package, not added
  kOther,     // unknown name: read, not added
};

struct RaplDomain {
  std::string zone;  // "intel-rapl:0:1"
  std::string name;  // the zone's `name` file: "package-0", "core", "dram"...
  RaplDomainKind kind = RaplDomainKind::kOther;
  std::string energy_path;
  std::uint64_t max_energy_range_uj = 0;
  bool Added() const { return kind == RaplDomainKind::kPackage || kind == RaplDomainKind::kDram; }
};

class RaplMeter final : public Meter {
 public:
  // Reads the zones under `powercap_root` (normally /sys/class/powercap).
  // Returns nullptr and sets `problem` when there is none, or when a counter
  // cannot be read (Linux 5.10 and later let only root read energy_uj).
  static std::unique_ptr<RaplMeter> Open(const std::string& powercap_root, std::string& problem);

  std::string Method() const override { return "rapl"; }
  std::string Description() const override;
  MeterMark Begin() override;
  MeterReading End(const MeterMark& begin) override;

  const std::vector<RaplDomain>& Domains() const { return domains_; }
  // Joules per domain between two marks of this meter, in Domains() order,
  // with wraparound corrected.
  std::vector<double> DomainJoules(const MeterMark& begin, const MeterMark& end) const;

 private:
  explicit RaplMeter(std::vector<RaplDomain> domains);

  std::vector<RaplDomain> domains_;
};

}  // namespace etalon::meters
