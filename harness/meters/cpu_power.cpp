#include "etalon/meters/cpu_power.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>

namespace etalon::meters {

namespace {

struct CpuModelRow {
  std::string_view match;  // a substring of /proc/cpuinfo's model name
  double tdp_watts;        // the vendor's published TDP
  int cores;
  int threads;
};

// Vendor specification sheets (ark.intel.com, amd.com product pages).
// Servers first: they run evaluations; client CPUs fall to the default row.
constexpr std::array<CpuModelRow, 14> kCpuModels = {{
    {"EPYC 7543", 225, 32, 64},
    {"EPYC 7713", 225, 64, 128},
    {"EPYC 7763", 280, 64, 128},
    {"EPYC 9454", 290, 48, 96},
    {"EPYC 9554", 360, 64, 128},
    {"EPYC 9654", 360, 96, 192},
    {"Xeon(R) Gold 6130", 125, 16, 32},
    {"Xeon(R) Gold 6248R", 205, 24, 48},
    {"Xeon(R) Gold 6338", 205, 32, 64},
    {"Xeon(R) Gold 6430", 270, 32, 64},
    {"Xeon(R) Platinum 8380", 270, 40, 80},
    {"Xeon(R) Platinum 8468", 350, 48, 96},
    {"Xeon(R) Platinum 8480", 350, 56, 112},
    {"Xeon(R) CPU E5-2690 v4", 135, 14, 28},
}};

constexpr std::array<std::string_view, 2> kFamilies = {"EPYC", "Xeon"};

CpuPower FromRow(const CpuModelRow& row) {
  CpuPower power;
  power.low_watts = row.tdp_watts / row.threads;
  power.high_watts = row.tdp_watts / row.cores;
  power.watts = (power.low_watts + power.high_watts) / 2;
  power.basis =
      fmt::format("table row '{}' (TDP {} W, {} cores, {} threads)", row.match, row.tdp_watts, row.cores, row.threads);
  return power;
}

// The envelope of every row whose match contains `family` (all rows when empty).
CpuPower Envelope(std::string_view family) {
  CpuPower power;
  power.low_watts = std::numeric_limits<double>::max();
  int rows = 0;
  for (const auto& row : kCpuModels) {
    if (row.match.find(family) == std::string_view::npos) {
      continue;
    }
    const auto one = FromRow(row);
    power.low_watts = std::min(power.low_watts, one.low_watts);
    power.high_watts = std::max(power.high_watts, one.high_watts);
    power.watts += one.watts;
    ++rows;
  }
  power.watts /= rows;
  return power;
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

CpuPower LookUpCpuPower(std::string_view model_name) {
  CpuPower power;
  const auto found = std::find_if(kCpuModels.begin(), kCpuModels.end(), [&](const CpuModelRow& row) {
    return model_name.find(row.match) != std::string_view::npos;
  });
  if (found != kCpuModels.end()) {
    power = FromRow(*found);
  } else if (const auto family =
                 std::find_if(kFamilies.begin(), kFamilies.end(),
                              [&](std::string_view name) { return model_name.find(name) != std::string_view::npos; });
             family != kFamilies.end()) {
    power = Envelope(*family);
    power.basis = fmt::format("family row '{}' (model not in the table: envelope of the family's rows)", *family);
  } else {
    power = Envelope("");
    power.basis = "default row (model not in the table: envelope of every row)";
  }
  power.model_name = std::string(model_name);
  return power;
}

std::string ReadCpuModelName(const std::string& cpuinfo_path) {
  std::ifstream in(cpuinfo_path);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon != std::string::npos && Trim(std::string_view(line).substr(0, colon)) == "model name") {
      return std::string(Trim(std::string_view(line).substr(colon + 1)));
    }
  }
  return {};
}

const CpuPower& HostCpuPower() {
  static const CpuPower power = LookUpCpuPower(ReadCpuModelName("/proc/cpuinfo"));
  return power;
}

}  // namespace etalon::meters
