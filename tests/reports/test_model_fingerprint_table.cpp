// The provenance table of model fingerprints: shown when a vendor API was
// probed, left out when every adapter is local, so a baseline-only report
// does not carry a table of "not probed" rows.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "model_fingerprint_table.hpp"

using etalon::reports::Language;
using etalon::reports::ModelFingerprintTable;

TEST_CASE("The model fingerprint table is left out when no adapter could be probed", "[reports]") {
  const auto summary = nlohmann::ordered_json::parse(
      R"({"model_fingerprints": {"adapters": {}, "not_probed": {"lead3": "local adapter", "bm25": "local adapter"}}})");
  CHECK(ModelFingerprintTable(summary, Language::kFrench).rows.empty());
  CHECK(ModelFingerprintTable(nlohmann::ordered_json::object(), Language::kEnglish).rows.empty());
}
