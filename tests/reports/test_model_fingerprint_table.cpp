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
      R"({"model_fingerprints": {"adapters": {}, "not_probed": {"lead3": "local-adapter", "bm25": "local-adapter"}}})");
  CHECK(ModelFingerprintTable(summary, Language::kFrench).rows.empty());
  CHECK(ModelFingerprintTable(nlohmann::ordered_json::object(), Language::kEnglish).rows.empty());
}

TEST_CASE("A skip reason is shown in the report's language, and an older record's sentence as it is", "[reports]") {
  const auto summary = nlohmann::ordered_json::parse(R"({"model_fingerprints": {
      "adapters": {"sim": {"probe_set": {"id": "empreinte", "version": 1}, "requests": 18, "failed": 0,
                           "served_models": ["m"], "system_fingerprints": [], "answers_digest": "ab",
                           "repeat_agreement": 1.0, "latency_ms": {"ttft": null},
                           "tokens": {"output": 72}}},
      "not_probed": {"bm25": "local-adapter", "old": "local adapter: an older sentence"}}})");
  const auto french = ModelFingerprintTable(summary, Language::kFrench);
  REQUIRE(french.rows.size() == 3);
  CHECK(french.rows[1][1] == "non sondé : adaptateur local : aucun fournisseur ne peut changer le modèle derrière lui");
  CHECK(french.rows[2][1] == "non sondé : local adapter: an older sentence");
  CHECK(ModelFingerprintTable(summary, Language::kEnglish).rows[1][1] ==
        "not probed: local adapter: no vendor can swap the model behind it");
}
