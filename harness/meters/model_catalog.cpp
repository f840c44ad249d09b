#include "etalon/meters/model_catalog.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "config/yaml_fields.hpp"

namespace etalon::meters {

namespace {

using config::LineOf;
using config::YamlFields;

bool IsNullOrAbsent(const YamlFields& fields, const std::string& key) {
  return !fields.Has(key) || fields.Node(key).IsNull();
}

// A number, a [min, max] pair, or null.
std::optional<Bounds> ReadBounds(YamlFields& fields, const std::string& key, double min, double max) {
  if (IsNullOrAbsent(fields, key)) {
    return std::nullopt;
  }
  const auto node = fields.Node(key);
  if (node.IsSequence()) {
    const auto json = config::YamlToJson(node);
    if (json.size() != 2 || !json[0].is_number() || !json[1].is_number() || json[0] > json[1] || json[0] < min ||
        json[1] > max) {
      fields.Report(key, fmt::format("must be a number or [low, high] with {} <= low <= high <= {}", min, max));
      return std::nullopt;
    }
    return Bounds{json[0].get<double>(), json[1].get<double>()};
  }
  const auto value = fields.Number(key, min, max);
  return value ? std::optional<Bounds>(Bounds{*value, *value}) : std::nullopt;
}

std::optional<bool> ReadOptionalBoolean(YamlFields& fields, const std::string& key) {
  return IsNullOrAbsent(fields, key) ? std::nullopt : fields.Boolean(key);
}

// A figure without its source cannot be defended: reject it.
std::string RequireSource(YamlFields& fields, const std::string& key, const std::string& what) {
  auto source = fields.String(key, false).value_or("");
  if (source.empty()) {
    fields.Report(key, fmt::format("is required: every {} needs its public source", what));
  }
  return source;
}

template <typename Reader>
void ForEachItem(YamlFields& parent, const std::string& key, const std::string& file, core::Diagnostics& diagnostics,
                 Reader read) {
  const auto node = parent.Node(key);
  if (!node.IsSequence()) {
    parent.Report(key, "must be a list");
    return;
  }
  std::size_t index = 0;
  for (const auto& item : node) {
    const auto path = fmt::format("{}[{}]", key, index++);
    if (!item.IsMap()) {
      parent.ReportAt(LineOf(item), path, "must be a mapping");
      continue;
    }
    YamlFields fields(item, file, path, diagnostics);
    read(fields, LineOf(item));
  }
}

struct Rate {
  double eur_per_unit = 0;
  std::string date;
  std::string source;
};

std::optional<ModelPrice> ReadPrice(YamlFields& model, const std::string& file, const std::map<std::string, Rate>& rates,
                                    core::Diagnostics& diagnostics) {
  if (IsNullOrAbsent(model, "price")) {
    return std::nullopt;
  }
  YamlFields fields(model.Node("price"), file, model.FieldPath("price"), diagnostics);
  fields.RejectUnknown({"input_per_million", "output_per_million", "currency", "date", "source"});
  ModelPrice price;
  price.input_per_million = fields.Number("input_per_million", 0, 1e6).value_or(0);
  price.output_per_million = fields.Number("output_per_million", 0, 1e6).value_or(0);
  if (!fields.Has("input_per_million") || !fields.Has("output_per_million")) {
    fields.Report("input_per_million", "a price needs input_per_million and output_per_million");
  }
  price.currency = fields.String("currency", true).value_or("");
  price.date = fields.String("date", true).value_or("");
  price.source = RequireSource(fields, "source", "price");
  if (price.currency == "EUR") {
    price.eur_per_unit = 1;
  } else if (const auto rate = rates.find(price.currency); rate != rates.end()) {
    price.eur_per_unit = rate->second.eur_per_unit;
    price.rate_date = rate->second.date;
    price.rate_source = rate->second.source;
  } else if (!price.currency.empty()) {
    fields.Report("currency", fmt::format("no eur_rates entry converts {} to EUR", price.currency));
  }
  return price;
}

void ReadModel(YamlFields& fields, const std::string& file, const std::map<std::string, Rate>& rates,
               const std::set<std::string>& providers, core::Diagnostics& diagnostics, std::vector<ModelEntry>& out) {
  fields.RejectUnknown({"id", "provider", "aliases", "price", "parameters", "licence", "open_weights",
                        "context_window_tokens", "hosting", "training_data", "sources", "note"});
  ModelEntry model;
  model.id = fields.String("id", true).value_or("");
  model.provider = fields.String("provider", true).value_or("");
  if (!model.provider.empty() && providers.count(model.provider) == 0) {
    fields.Report("provider", fmt::format("unknown provider '{}' (not in providers)", model.provider));
  }
  model.aliases = fields.StringList("aliases", false).value_or(std::vector<std::string>{});
  model.price = ReadPrice(fields, file, rates, diagnostics);
  if (!IsNullOrAbsent(fields, "parameters")) {
    YamlFields parameters(fields.Node("parameters"), file, fields.FieldPath("parameters"), diagnostics);
    parameters.RejectUnknown({"total_b", "active_b", "source"});
    model.total_params_b = ReadBounds(parameters, "total_b", 0.001, 1e5);
    model.active_params_b = ReadBounds(parameters, "active_b", 0.001, 1e5);
    if (model.total_params_b || model.active_params_b) {
      model.parameters_source = RequireSource(parameters, "source", "parameter count");
    }
  }
  model.licence = fields.String("licence", false).value_or("");
  model.open_weights = ReadOptionalBoolean(fields, "open_weights");
  if (!IsNullOrAbsent(fields, "context_window_tokens")) {
    model.context_window_tokens = fields.Integer("context_window_tokens", 1, 1'000'000'000);
  }
  if (!IsNullOrAbsent(fields, "hosting")) {
    YamlFields hosting(fields.Node("hosting"), file, fields.FieldPath("hosting"), diagnostics);
    hosting.RejectUnknown({"regions", "eu_hosting", "secnumcloud", "source"});
    model.hosting.regions = hosting.StringList("regions", false).value_or(std::vector<std::string>{});
    model.hosting.eu_hosting = ReadOptionalBoolean(hosting, "eu_hosting");
    model.hosting.secnumcloud = ReadOptionalBoolean(hosting, "secnumcloud");
    if (!model.hosting.regions.empty() || model.hosting.eu_hosting || model.hosting.secnumcloud) {
      model.hosting.source = RequireSource(hosting, "source", "hosting fact");
    }
  }
  if (!IsNullOrAbsent(fields, "training_data")) {
    YamlFields training(fields.Node("training_data"), file, fields.FieldPath("training_data"), diagnostics);
    training.RejectUnknown({"disclosure", "source"});
    model.training_data = training.String("disclosure", true).value_or("");
    model.training_data_source = RequireSource(training, "source", "training-data disclosure");
  }
  model.sources = fields.StringList("sources", false).value_or(std::vector<std::string>{});
  model.note = fields.String("note", false).value_or("");
  out.push_back(std::move(model));
}

void ReadProvider(YamlFields& fields, std::vector<ProviderEntry>& out) {
  fields.RejectUnknown({"id", "name", "pue", "datacenter_wue_l_per_kwh", "electricity_zone", "sources"});
  ProviderEntry provider;
  provider.id = fields.String("id", true).value_or("");
  provider.name = fields.String("name", false).value_or(provider.id);
  provider.pue = ReadBounds(fields, "pue", 1, 5);
  provider.datacenter_wue_l_per_kwh = ReadBounds(fields, "datacenter_wue_l_per_kwh", 0, 100);
  provider.electricity_zone = fields.String("electricity_zone", false).value_or("WOR");
  provider.sources = fields.StringList("sources", false).value_or(std::vector<std::string>{});
  if ((provider.pue || provider.datacenter_wue_l_per_kwh) && provider.sources.empty()) {
    fields.Report("sources", "is required: PUE and WUE figures need their public source");
  }
  out.push_back(std::move(provider));
}

void ReadZones(const std::string& path, core::Diagnostics& diagnostics, std::vector<ZoneMix>& out) {
  const auto root = config::LoadYamlFile(path, diagnostics);
  if (!root) {
    return;
  }
  YamlFields top(*root, path, "", diagnostics);
  top.RejectUnknown({"schema", "zones"});
  ForEachItem(top, "zones", path, diagnostics, [&](YamlFields& fields, std::size_t) {
    fields.RejectUnknown({"zone", "name", "gwp_kgco2eq_per_kwh", "adpe_kgsbeq_per_kwh", "pe_mj_per_kwh",
                          "wue_l_per_kwh", "year", "source"});
    ZoneMix zone;
    zone.zone = fields.String("zone", true).value_or("");
    zone.name = fields.String("name", false).value_or(zone.zone);
    zone.mix.gwp_kgco2eq_per_kwh = fields.Number("gwp_kgco2eq_per_kwh", 0, 10).value_or(0);
    zone.mix.adpe_kgsbeq_per_kwh = fields.Number("adpe_kgsbeq_per_kwh", 0, 1).value_or(0);
    zone.mix.pe_mj_per_kwh = fields.Number("pe_mj_per_kwh", 0, 100).value_or(0);
    zone.mix.wue_l_per_kwh = fields.Number("wue_l_per_kwh", 0, 1000).value_or(0);
    for (const char* key : {"gwp_kgco2eq_per_kwh", "adpe_kgsbeq_per_kwh", "pe_mj_per_kwh", "wue_l_per_kwh"}) {
      if (!fields.Has(key)) {
        fields.Report(key, "is required");
      }
    }
    if (!IsNullOrAbsent(fields, "year")) {
      zone.year = fields.Integer("year", 1990, 2100);
    }
    zone.source = RequireSource(fields, "source", "electricity mix");
    out.push_back(std::move(zone));
  });
}

}  // namespace

std::optional<ModelCatalog> ModelCatalog::Load(const std::string& models_path, const std::string& mixes_path,
                                               core::Diagnostics& diagnostics) {
  const std::size_t problems_before = diagnostics.size();
  ModelCatalog catalog;
  ReadZones(mixes_path, diagnostics, catalog.zones_);
  const auto root = config::LoadYamlFile(models_path, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  YamlFields top(*root, models_path, "", diagnostics);
  top.RejectUnknown({"schema", "eur_rates", "providers", "models"});
  std::map<std::string, Rate> rates;
  if (top.Has("eur_rates")) {
    ForEachItem(top, "eur_rates", models_path, diagnostics, [&](YamlFields& fields, std::size_t) {
      fields.RejectUnknown({"currency", "eur_per_unit", "date", "source"});
      const auto currency = fields.String("currency", true).value_or("");
      Rate rate{fields.Number("eur_per_unit", 1e-9, 1e9).value_or(0), fields.String("date", true).value_or(""),
                RequireSource(fields, "source", "exchange rate")};
      rates[currency] = std::move(rate);
    });
  }
  ForEachItem(top, "providers", models_path, diagnostics,
              [&](YamlFields& fields, std::size_t) { ReadProvider(fields, catalog.providers_); });
  std::set<std::string> provider_ids;
  for (const auto& provider : catalog.providers_) {
    provider_ids.insert(provider.id);
    if (catalog.Zone(provider.electricity_zone) == nullptr) {
      diagnostics.push_back({models_path, 0, fmt::format("providers.{}.electricity_zone", provider.id),
                             fmt::format("zone '{}' is not in {}", provider.electricity_zone, mixes_path)});
    }
  }
  std::set<std::string> names;
  ForEachItem(top, "models", models_path, diagnostics, [&](YamlFields& fields, std::size_t line) {
    ReadModel(fields, models_path, rates, provider_ids, diagnostics, catalog.models_);
    const auto& added = catalog.models_.back();
    auto all_names = added.aliases;
    all_names.push_back(added.id);
    for (const auto& name : all_names) {
      // The same open model may be listed by several providers, each with its own facts.
      if (!names.insert(added.provider + '\n' + name).second) {
        fields.ReportAt(line, fields.FieldPath("id"),
                        fmt::format("'{}' names two entries of provider '{}'", name, added.provider));
      }
    }
  });
  if (diagnostics.size() != problems_before) {
    return std::nullopt;
  }
  catalog.IndexNames();
  return catalog;
}

ModelCatalog ModelCatalog::FromEntries(std::vector<ModelEntry> models, std::vector<ProviderEntry> providers,
                                       std::vector<ZoneMix> zones) {
  ModelCatalog catalog;
  catalog.models_ = std::move(models);
  catalog.providers_ = std::move(providers);
  catalog.zones_ = std::move(zones);
  catalog.IndexNames();
  return catalog;
}

void ModelCatalog::IndexNames() {
  for (std::size_t i = 0; i < models_.size(); ++i) {
    by_id_[models_[i].id].push_back(i);
    for (const auto& alias : models_[i].aliases) {
      by_alias_[alias].push_back(i);
    }
  }
}

std::string CatalogProviderFor(const std::string& kind, const std::string& preset) {
  if (kind == "anthropic") {
    return "anthropic";
  }
  if (preset == "vllm" || preset == "ollama" || preset == "llamacpp") {
    return "self-hosted";
  }
  return preset;
}

const ModelEntry* ModelCatalog::Find(const std::string& served, const std::string& requested,
                                     const std::string& provider) const {
  const auto first_of_provider = [&](const auto& index, const std::string& name) -> const ModelEntry* {
    const auto found = index.find(name);
    if (found == index.end()) {
      return nullptr;
    }
    for (const auto position : found->second) {
      if (provider.empty() || models_[position].provider == provider) {
        return &models_[position];
      }
    }
    return nullptr;
  };
  for (const auto* name : {&served, &requested}) {
    if (name->empty()) {
      continue;
    }
    if (const auto* exact = first_of_provider(by_id_, *name)) {
      return exact;
    }
    if (const auto* aliased = first_of_provider(by_alias_, *name)) {
      return aliased;
    }
  }
  return nullptr;
}

const ProviderEntry* ModelCatalog::Provider(const std::string& id) const {
  const auto found = std::find_if(providers_.begin(), providers_.end(), [&](const auto& p) { return p.id == id; });
  return found != providers_.end() ? &*found : nullptr;
}

const ZoneMix* ModelCatalog::Zone(const std::string& zone) const {
  const auto found = std::find_if(zones_.begin(), zones_.end(), [&](const auto& z) { return z.zone == zone; });
  return found != zones_.end() ? &*found : nullptr;
}

}  // namespace etalon::meters
