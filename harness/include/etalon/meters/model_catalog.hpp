// The model catalog: published facts about models and their providers
// (prices, parameter counts, licence, hosting, data-centre efficiency) and
// the electricity mixes of hosting zones, each fact with its source. Data in
// adapters/catalog/ (docs/catalog.md); a fact that is not public is null,
// never guessed, and every cost or energy estimate built on it says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "etalon/core/diagnostic.hpp"
#include "etalon/meters/ecologits.hpp"

namespace etalon::meters {

// A published figure that may be a single value (low == high) or a range.
struct Bounds {
  double low = 0;
  double high = 0;
  bool operator==(const Bounds&) const = default;
};

struct ModelPrice {
  double input_per_million = 0;   // in `currency`, as published
  double output_per_million = 0;
  std::string currency;
  std::string date;               // when the published price was read
  std::string source;
  double eur_per_unit = 1;        // the catalog's conversion rate for `currency`
  std::string rate_date;
  std::string rate_source;
  bool operator==(const ModelPrice&) const = default;
};

struct ModelHosting {
  std::vector<std::string> regions;
  std::optional<bool> eu_hosting;
  std::optional<bool> secnumcloud;
  std::string source;
  bool operator==(const ModelHosting&) const = default;
};

struct ModelEntry {
  std::string id;  // the dated snapshot id, as the API reports it
  std::string provider;
  std::vector<std::string> aliases;  // names that resolve to this snapshot today
  std::optional<ModelPrice> price;   // null: not sold per token (self-hosted) or not public
  std::optional<Bounds> total_params_b;
  std::optional<Bounds> active_params_b;
  std::string parameters_source;
  std::string licence;
  std::optional<bool> open_weights;
  std::optional<std::int64_t> context_window_tokens;
  ModelHosting hosting;
  // What the publisher disclosed about the training data, in a few words, and
  // where; empty when no public page says (the catalog's null rule).
  std::string training_data;
  std::string training_data_source;
  std::vector<std::string> sources;
  std::string note;
  bool operator==(const ModelEntry&) const = default;
};

struct ProviderEntry {
  std::string id;
  std::string name;
  std::optional<Bounds> pue;
  std::optional<Bounds> datacenter_wue_l_per_kwh;
  std::string electricity_zone;
  std::vector<std::string> sources;
  bool operator==(const ProviderEntry&) const = default;
};

struct ZoneMix {
  std::string zone;
  std::string name;
  ElectricityMix mix;
  std::optional<std::int64_t> year;  // the data's reference year, when the source states it
  std::string source;
  bool operator==(const ZoneMix&) const = default;
};

// The catalog provider behind an adapter, from its plan `kind` and `preset`:
// "anthropic", "self-hosted" for local servers (vllm, ollama, llamacpp), else
// the preset; empty (any provider) for an OpenAI-compatible server named only
// by its URL.
std::string CatalogProviderFor(const std::string& kind, const std::string& preset);

class ModelCatalog {
 public:
  // Reads both files; every problem (a fact without its source, an unknown
  // currency, an unknown provider...) is added as a located diagnostic.
  static std::optional<ModelCatalog> Load(const std::string& models_path, const std::string& mixes_path,
                                          core::Diagnostics& diagnostics);
  // A catalog from entries already checked by Load (its compiled form,
  // meters/catalog_json.hpp).
  static ModelCatalog FromEntries(std::vector<ModelEntry> models, std::vector<ProviderEntry> providers,
                                  std::vector<ZoneMix> zones);

  // The entry for the model an API served; the requested name (a
  // '-latest' style alias) is used only when `served` is unknown, since
  // alias prices drift. `provider` (empty: any) tells apart an open model
  // listed both as a vendor's offer and as self-hosted.
  const ModelEntry* Find(const std::string& served, const std::string& requested = "",
                         const std::string& provider = "") const;
  const ProviderEntry* Provider(const std::string& id) const;
  const ZoneMix* Zone(const std::string& zone) const;

  const std::vector<ModelEntry>& models() const { return models_; }
  const std::vector<ProviderEntry>& providers() const { return providers_; }
  const std::vector<ZoneMix>& zones() const { return zones_; }

 private:
  // Positions in models_ by id and by alias, in catalog order: Find runs
  // three times per answer, and scanning every entry's names was most of
  // the cost of pricing one.
  void IndexNames();

  std::vector<ModelEntry> models_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_alias_;
  std::vector<ProviderEntry> providers_;
  std::vector<ZoneMix> zones_;
};

}  // namespace etalon::meters
