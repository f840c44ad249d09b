#include "etalon/meters/rapl_meter.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <regex>

namespace etalon::meters {

namespace {

constexpr double kJoulesPerMicrojoule = 1e-6;

// The whole of a small sysfs file (they are a few bytes); false with `error` set on failure.
bool ReadSmallFile(const std::string& path, std::string& text, std::string& error) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const bool root_only = errno == EACCES;
    error = fmt::format("{} is not readable: {}{}", path, std::strerror(errno),
                        root_only ? " (Linux 5.10 and later let only root read RAPL counters)" : "");
    return false;
  }
  char buffer[64];
  const ssize_t size = read(fd, buffer, sizeof buffer);
  const int read_errno = errno;
  close(fd);
  if (size < 0) {
    error = fmt::format("{} is not readable: {}", path, std::strerror(read_errno));
    return false;
  }
  text.assign(buffer, static_cast<std::size_t>(size));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return true;
}

bool ReadCounter(const std::string& path, std::uint64_t& value, std::string& error) {
  std::string text;
  if (!ReadSmallFile(path, text, error)) {
    return false;
  }
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size() || text.empty()) {
    error = fmt::format("{} does not hold a counter: '{}'", path, text);
    return false;
  }
  return true;
}

RaplDomainKind KindOf(const std::string& name) {
  if (name.rfind("package", 0) == 0) return RaplDomainKind::kPackage;
  if (name == "dram") return RaplDomainKind::kDram;
  if (name == "core") return RaplDomainKind::kCore;
  if (name == "uncore") return RaplDomainKind::kUncore;
  if (name == "psys") return RaplDomainKind::kPlatform;
  return RaplDomainKind::kOther;
}

}  // namespace

RaplMeter::RaplMeter(std::vector<RaplDomain> domains) : domains_(std::move(domains)) {}

std::unique_ptr<RaplMeter> RaplMeter::Open(const std::string& powercap_root, std::string& problem) {
  std::error_code error;
  std::filesystem::directory_iterator entries(powercap_root, error);
  if (error) {
    problem = fmt::format("{} cannot be listed ({}): no powercap driver, or hidden from this container or VM",
                          powercap_root, error.message());
    return nullptr;
  }
  // Top-level zones only: subzones also appear inside their parent's folder.
  static const std::regex kZoneName(R"(intel-rapl:\d+(:\d+)?)");
  std::vector<RaplDomain> domains;
  for (const auto& entry : entries) {
    const auto zone = entry.path().filename().string();
    if (!std::regex_match(zone, kZoneName)) {
      continue;
    }
    RaplDomain domain;
    domain.zone = zone;
    domain.energy_path = (entry.path() / "energy_uj").string();
    std::string read_error;
    std::uint64_t ignored = 0;
    if (!ReadSmallFile((entry.path() / "name").string(), domain.name, read_error) ||
        !ReadCounter((entry.path() / "max_energy_range_uj").string(), domain.max_energy_range_uj, read_error) ||
        !ReadCounter(domain.energy_path, ignored, read_error)) {
      problem = read_error;
      return nullptr;
    }
    domain.kind = KindOf(domain.name);
    domains.push_back(std::move(domain));
  }
  std::sort(domains.begin(), domains.end(), [](const auto& a, const auto& b) { return a.zone < b.zone; });
  if (std::none_of(domains.begin(), domains.end(), [](const auto& domain) { return domain.Added(); })) {
    problem = fmt::format("no RAPL package or DRAM zone under {}", powercap_root);
    return nullptr;
  }
  return std::unique_ptr<RaplMeter>(new RaplMeter(std::move(domains)));
}

std::string RaplMeter::Description() const {
  std::string added;
  std::string detail;
  for (const auto& domain : domains_) {
    auto& list = domain.Added() ? added : detail;
    list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", domain.name, domain.zone);
  }
  return fmt::format(
      "measured: RAPL energy counters, adding {}{}; the whole socket, every process included", added,
      detail.empty() ? "" : fmt::format("; read, not added (inside the package or overlapping it): {}", detail));
}

MeterMark RaplMeter::Begin() {
  MeterMark mark;
  mark.time = std::chrono::steady_clock::now();
  for (const auto& domain : domains_) {
    std::uint64_t value = 0;
    if (!ReadCounter(domain.energy_path, value, mark.error)) {
      mark.counters.clear();
      return mark;
    }
    mark.counters.push_back(value);
  }
  return mark;
}

std::vector<double> RaplMeter::DomainJoules(const MeterMark& begin, const MeterMark& end) const {
  std::vector<double> joules;
  for (std::size_t i = 0; i < domains_.size(); ++i) {
    const auto from = begin.counters[i];
    const auto to = end.counters[i];
    // The counter restarts from 0 after max_energy_range_uj: assume one wrap.
    const auto microjoules = to >= from ? to - from : domains_[i].max_energy_range_uj - from + to;
    joules.push_back(static_cast<double>(microjoules) * kJoulesPerMicrojoule);
  }
  return joules;
}

MeterReading RaplMeter::End(const MeterMark& begin) {
  const auto end = Begin();
  MeterReading reading;
  if (!begin.error.empty() || !end.error.empty()) {
    reading.error = begin.error.empty() ? end.error : begin.error;
    return reading;
  }
  if (begin.counters.size() != domains_.size()) {
    reading.error = "the begin mark was not made by this RAPL meter";
    return reading;
  }
  const auto joules = DomainJoules(begin, end);
  core::EnergyReading energy;
  energy.measured = true;
  energy.method = Method();
  for (std::size_t i = 0; i < domains_.size(); ++i) {
    if (domains_[i].Added()) {
      energy.joules += joules[i];
    }
  }
  reading.energy = energy;
  return reading;
}

}  // namespace etalon::meters
