#include "etalon/meters/catalog_json.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "etalon/core/json_text.hpp"
#include "etalon/core/sha256.hpp"

// An absent fact is null in the compiled form, as in the YAML.
template <typename T>
struct nlohmann::adl_serializer<std::optional<T>> {
  static void to_json(json& out, const std::optional<T>& value) {
    if (value) {
      out = *value;
    } else {
      out = nullptr;
    }
  }
  static void from_json(const json& in, std::optional<T>& value) {
    if (in.is_null()) {
      value.reset();
    } else {
      value = in.get<T>();
    }
  }
};

namespace etalon::meters {

// Every field of every entry: the round-trip test compares whole entries,
// so a field left out here fails it.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Bounds, low, high)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModelPrice, input_per_million, output_per_million, currency, date, source,
                                   eur_per_unit, rate_date, rate_source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModelHosting, regions, eu_hosting, secnumcloud, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModelEntry, id, provider, aliases, price, total_params_b, active_params_b,
                                   parameters_source, licence, open_weights, context_window_tokens, hosting,
                                   training_data, training_data_source, sources, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ProviderEntry, id, name, pue, datacenter_wue_l_per_kwh, electricity_zone, sources)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ElectricityMix, adpe_kgsbeq_per_kwh, pe_mj_per_kwh, gwp_kgco2eq_per_kwh,
                                   wue_l_per_kwh)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ZoneMix, zone, name, mix, year, source)

namespace {

constexpr int kCompiledFormat = 1;

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return std::move(text).str();
}

}  // namespace

std::optional<std::string> CatalogSourceDigest(const std::string& models_path, const std::string& mixes_path) {
  const auto models = ReadWhole(models_path);
  const auto mixes = ReadWhole(mixes_path);
  if (!models || !mixes) {
    return std::nullopt;
  }
  // Each file's digest, so no split of the same bytes between the two files
  // gives the same digest.
  return core::Sha256Hex(core::Sha256Hex(*models) + core::Sha256Hex(*mixes));
}

std::string CompiledCatalogText(const ModelCatalog& catalog, const std::string& source_digest) {
  const nlohmann::json compiled = {{"format", kCompiledFormat},
                                   {"source_sha256", source_digest},
                                   {"models", catalog.models()},
                                   {"providers", catalog.providers()},
                                   {"zones", catalog.zones()}};
  return compiled.dump(1) + "\n";
}

std::optional<ModelCatalog> ReadCompiledCatalog(const std::string& compiled_path, const std::string& source_digest) {
  const auto text = ReadWhole(compiled_path);
  if (!text) {
    return std::nullopt;
  }
  const auto compiled = core::ParseJsonOrDiscarded(*text);
  if (!compiled.is_object() || compiled.value("format", 0) != kCompiledFormat ||
      compiled.value("source_sha256", std::string()) != source_digest) {
    return std::nullopt;
  }
  try {
    return ModelCatalog::FromEntries(compiled.at("models").get<std::vector<ModelEntry>>(),
                                     compiled.at("providers").get<std::vector<ProviderEntry>>(),
                                     compiled.at("zones").get<std::vector<ZoneMix>>());
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace etalon::meters
