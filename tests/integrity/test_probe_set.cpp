// Tests for harness/integrity/probe_set.cpp: the shipped probe file, its
// stored form, and located errors for a broken one.
#include <catch2/catch.hpp>

#include "etalon/core/sha256.hpp"
#include "etalon/integrity/probe_set.hpp"
#include "support/temp_dir.hpp"

using etalon::integrity::LoadProbeSet;
using etalon::integrity::ProbeSet;
using etalon::testing::TempDir;

TEST_CASE("The shipped probe file loads with deterministic settings", "[integrity][probes]") {
  const std::string path = std::string(ETALON_SOURCE_DIR) + "/suites/probes/model-fingerprint.yaml";
  etalon::core::Diagnostics diagnostics;
  const auto probes = LoadProbeSet(path, diagnostics);
  INFO((diagnostics.empty() ? std::string() : diagnostics.front().ToString()));
  REQUIRE(probes);
  CHECK(probes->id == "model-fingerprint");
  CHECK(probes->version == 1);
  CHECK(probes->sha256 == *etalon::core::Sha256HexOfFile(path));
  CHECK(probes->repeats == 3);
  CHECK(probes->generation.temperature == 0);
  CHECK(probes->generation.seed.has_value());
  CHECK(probes->probes.size() == 6);

  std::string error;
  const auto again = ProbeSet::FromJson(probes->ToJson(), error);
  REQUIRE(again);
  CHECK(again->ToJson() == probes->ToJson());
}

TEST_CASE("A broken probe file is refused with file, line and field", "[integrity][probes]") {
  TempDir dir;
  const auto path = dir.Write("probes.yaml",
                              "id: p\nversion: 1\nrepeats: 9\ngeneration: {temperature: 0, max_tokens: 8}\n"
                              "probes:\n  - {id: a, prompt: Bonjour}\n  - {id: a, prompt: Salut}\n");
  etalon::core::Diagnostics diagnostics;
  CHECK_FALSE(LoadProbeSet(path, diagnostics));
  std::string all;
  for (const auto& diagnostic : diagnostics) all += diagnostic.ToString() + "\n";
  CHECK_THAT(all, Catch::Contains(path + ":3: field 'repeats'"));
  CHECK_THAT(all, Catch::Contains(path + ":4: field 'generation.seed': is required"));
  CHECK_THAT(all, Catch::Contains("field 'probes[1].id': duplicate probe id 'a'"));
}
