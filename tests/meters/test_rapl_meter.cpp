// Tests for harness/meters/rapl_meter.cpp on a fake powercap tree: which
// domains are added, wraparound, and the reasons a machine has no RAPL.
#include <catch2/catch.hpp>

#include "etalon/meters/rapl_meter.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::RaplDomainKind;
using etalon::meters::RaplMeter;
using etalon::testing::TempDir;

namespace {

constexpr const char* kMaxRange = "1000000000";  // 1000 J, small enough to wrap in a test

void WriteZone(const TempDir& root, const std::string& zone, const std::string& name, const std::string& energy_uj) {
  root.Write(zone + "/name", name + "\n");
  root.Write(zone + "/max_energy_range_uj", std::string(kMaxRange) + "\n");
  root.Write(zone + "/energy_uj", energy_uj + "\n");
}

// One socket as Linux shows it: the control type, a package with core and
// DRAM subzones, and an MMIO zone that repeats the package.
void WriteSocket(const TempDir& root) {
  root.Write("intel-rapl/enabled", "1\n");
  WriteZone(root, "intel-rapl:0", "package-0", "999000000");
  WriteZone(root, "intel-rapl:0:0", "core", "10");
  WriteZone(root, "intel-rapl:0:1", "dram", "5000000");
  WriteZone(root, "intel-rapl-mmio:0", "package-0", "7");
}

}  // namespace

TEST_CASE("RAPL adds package and DRAM, keeps core apart, and corrects a wrapped counter", "[meters]") {
  TempDir root;
  WriteSocket(root);
  std::string problem;
  auto meter = RaplMeter::Open(root.path().string(), problem);
  REQUIRE(meter);
  CHECK(problem.empty());
  REQUIRE(meter->Domains().size() == 3);
  CHECK(meter->Domains()[0].kind == RaplDomainKind::kPackage);
  CHECK(meter->Domains()[1].kind == RaplDomainKind::kCore);
  CHECK(meter->Domains()[2].kind == RaplDomainKind::kDram);
  CHECK(meter->Domains()[0].max_energy_range_uj == 1000000000);

  const auto begin = meter->Begin();
  REQUIRE(begin.error.empty());
  // The package counter passes max_energy_range_uj and restarts from 0.
  root.Write("intel-rapl:0/energy_uj", "2000000\n");
  root.Write("intel-rapl:0:0/energy_uj", "2000010\n");
  root.Write("intel-rapl:0:1/energy_uj", "6000000\n");
  const auto end = meter->Begin();
  const auto joules = meter->DomainJoules(begin, end);
  REQUIRE(joules.size() == 3);
  CHECK(joules[0] == Approx(3.0));  // 1 J up to the wrap, 2 J after it
  CHECK(joules[1] == Approx(2.0));
  CHECK(joules[2] == Approx(1.0));

  const auto reading = meter->End(begin);
  REQUIRE(reading.energy);
  CHECK(reading.energy->measured);
  CHECK(reading.energy->method == "rapl");
  CHECK(reading.energy->joules == Approx(4.0));  // package + DRAM; core is inside the package
  CHECK_FALSE(reading.energy->low_joules);
  CHECK_THAT(meter->Description(), Catch::Contains("adding package-0 (intel-rapl:0), dram (intel-rapl:0:1)") &&
                                       Catch::Contains("not added (inside the package or overlapping it): core"));
}

TEST_CASE("RAPL says why a machine has none", "[meters]") {
  TempDir root;
  std::string problem;

  CHECK_FALSE(RaplMeter::Open(root.Path("absent"), problem));
  CHECK_THAT(problem, Catch::Contains("cannot be listed") && Catch::Contains("container or VM"));

  root.Write("intel-rapl/enabled", "1\n");
  CHECK_FALSE(RaplMeter::Open(root.path().string(), problem));
  CHECK_THAT(problem, Catch::StartsWith("no RAPL package or DRAM zone under"));

  WriteZone(root, "intel-rapl:0", "package-0", "not a number");
  CHECK_FALSE(RaplMeter::Open(root.path().string(), problem));
  CHECK_THAT(problem, Catch::EndsWith("intel-rapl:0/energy_uj does not hold a counter: 'not a number'"));
}

TEST_CASE("RAPL reports a counter that disappears instead of a figure", "[meters]") {
  TempDir root;
  WriteSocket(root);
  std::string problem;
  auto meter = RaplMeter::Open(root.path().string(), problem);
  REQUIRE(meter);
  const auto begin = meter->Begin();
  std::filesystem::remove(root.Path("intel-rapl:0:1/energy_uj"));
  const auto reading = meter->End(begin);
  CHECK_FALSE(reading.energy);
  CHECK_THAT(reading.error, Catch::Contains("intel-rapl:0:1/energy_uj is not readable: No such file or directory"));
}
