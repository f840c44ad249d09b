// Tests for harness/meters/catalog_json.cpp: the catalog's compiled form
// holds every fact of its YAML, and is read only for the YAML it came from.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "etalon/meters/catalog_json.hpp"
#include "etalon/version.hpp"
#include "support/temp_dir.hpp"

using etalon::meters::CatalogSourceDigest;
using etalon::meters::CompiledCatalogText;
using etalon::meters::ModelCatalog;
using etalon::meters::ReadCompiledCatalog;

namespace {

const std::string kRoot = ETALON_SOURCE_DIR;
const std::string kModels = kRoot + "/adapters/catalog/models.yaml";
const std::string kMixes = kRoot + "/adapters/catalog/electricity_mixes.yaml";

ModelCatalog ShippedFromYaml() {
  etalon::core::Diagnostics diagnostics;
  auto catalog = ModelCatalog::Load(kModels, kMixes, diagnostics);
  REQUIRE(catalog);
  return std::move(*catalog);
}

}  // namespace

TEST_CASE("The compiled catalog gives back every entry of the shipped YAML, field for field", "[catalog]") {
  const auto from_yaml = ShippedFromYaml();
  const auto digest = CatalogSourceDigest(kModels, kMixes);
  REQUIRE(digest);
  etalon::testing::TempDir dir;
  const auto path = dir.Write("catalog.json", CompiledCatalogText(from_yaml, *digest));
  const auto compiled = ReadCompiledCatalog(path, *digest);
  REQUIRE(compiled);
  CHECK(compiled->models() == from_yaml.models());
  CHECK(compiled->providers() == from_yaml.providers());
  CHECK(compiled->zones() == from_yaml.zones());
  // Looked up as the YAML's catalog is, by id and by alias.
  for (const auto& model : from_yaml.models()) {
    CHECK(compiled->Find(model.id, "", model.provider)->id == model.id);
    for (const auto& alias : model.aliases) {
      CHECK(compiled->Find("", alias, model.provider) != nullptr);
    }
  }
}

TEST_CASE("The build compiles the catalog from the YAML in the source tree", "[catalog]") {
  const auto digest = CatalogSourceDigest(kModels, kMixes);
  REQUIRE(digest);
  const auto compiled = ReadCompiledCatalog(etalon::kCompiledCatalogPath, *digest);
  REQUIRE(compiled);
  CHECK(compiled->models() == ShippedFromYaml().models());
}

TEST_CASE("A compiled catalog is not read for other YAML, nor when it is damaged", "[catalog]") {
  const auto from_yaml = ShippedFromYaml();
  etalon::testing::TempDir dir;
  const auto models = dir.Write("models.yaml", etalon::testing::ReadFile(kModels));
  const auto mixes = dir.Write("mixes.yaml", etalon::testing::ReadFile(kMixes));
  const auto digest = CatalogSourceDigest(models, mixes);
  REQUIRE(digest);
  CHECK(digest == CatalogSourceDigest(kModels, kMixes));
  const auto text = CompiledCatalogText(from_yaml, *digest);
  const auto path = dir.Write("catalog.json", text);
  REQUIRE(ReadCompiledCatalog(path, *digest));

  // One byte more in either file is other YAML.
  dir.Write("models.yaml", etalon::testing::ReadFile(kModels) + "\n");
  const auto edited_models = CatalogSourceDigest(models, mixes);
  dir.Write("models.yaml", etalon::testing::ReadFile(kModels));
  dir.Write("mixes.yaml", etalon::testing::ReadFile(kMixes) + "\n");
  const auto edited_mixes = CatalogSourceDigest(models, mixes);
  REQUIRE(edited_models);
  REQUIRE(edited_mixes);
  CHECK(edited_models != digest);
  CHECK(edited_mixes != digest);
  CHECK(edited_models != edited_mixes);
  CHECK_FALSE(ReadCompiledCatalog(path, *edited_models));
  CHECK_FALSE(CatalogSourceDigest(dir.Path("absent.yaml"), mixes));

  CHECK_FALSE(ReadCompiledCatalog(dir.Path("absent.json"), *digest));
  CHECK_FALSE(ReadCompiledCatalog(dir.Write("cut.json", text.substr(0, text.size() / 2)), *digest));
  auto other_format = nlohmann::json::parse(text);
  other_format["format"] = 2;
  CHECK_FALSE(ReadCompiledCatalog(dir.Write("format.json", other_format.dump()), *digest));
  auto wrong_type = nlohmann::json::parse(text);
  wrong_type["models"][0]["price"] = "gratuit";
  CHECK_FALSE(ReadCompiledCatalog(dir.Write("type.json", wrong_type.dump()), *digest));
}
