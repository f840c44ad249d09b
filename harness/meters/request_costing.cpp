#include "etalon/meters/request_costing.hpp"

#include <fmt/format.h>

namespace etalon::meters {

RequestCosting::RequestCosting(const ModelCatalog* catalog, std::string requested_model, std::string provider,
                               bool remote)
    : catalog_(catalog), requested_model_(std::move(requested_model)), provider_(std::move(provider)), remote_(remote) {}

const ModelEntry* RequestCosting::EntryFor(const core::Response& response) const {
  return catalog_ == nullptr ? nullptr : catalog_->Find(response.served_model, requested_model_, provider_);
}

std::string RequestCosting::MissingPriceReason() const {
  if (!remote_) {
    return "";  // local engines have no per-token price; a server price per hour may apply
  }
  if (catalog_ == nullptr) {
    return "no model catalog was loaded";
  }
  const auto* entry = catalog_->Find("", requested_model_, provider_);
  if (entry == nullptr) {
    return fmt::format("model '{}' is not in the catalog: its cost is null (never zero)", requested_model_);
  }
  if (!entry->price) {
    return fmt::format("model '{}' has no published per-token price in the catalog", entry->id);
  }
  return "";
}

nlohmann::ordered_json RequestCosting::Cost(const core::Response& response) const {
  const auto* entry = EntryFor(response);
  if (entry == nullptr || !entry->price || !response.usage.input_tokens || !response.usage.output_tokens) {
    return nullptr;
  }
  const auto& price = *entry->price;
  const double in_currency = (static_cast<double>(*response.usage.input_tokens) * price.input_per_million +
                              static_cast<double>(*response.usage.output_tokens) * price.output_per_million) /
                             1e6;
  nlohmann::ordered_json cost;
  cost["eur"] = in_currency * price.eur_per_unit;
  cost["model"] = entry->id;
  cost["price_date"] = price.date;
  cost["price_source"] = price.source;
  cost["eur_rate"] = price.currency == "EUR" ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json{{"currency", price.currency},
                                                                      {"eur_per_unit", price.eur_per_unit},
                                                                      {"date", price.rate_date}};
  cost["usage_estimated"] = response.usage.estimated;
  return cost;
}

std::optional<RequestCosting::Estimate> RequestCosting::EstimateImpacts(const core::Response& response) const {
  const auto* entry = remote_ ? EntryFor(response) : nullptr;
  if (entry == nullptr || !entry->active_params_b || !entry->total_params_b || !response.usage.output_tokens) {
    return std::nullopt;
  }
  const auto* provider = catalog_->Provider(entry->provider);
  const auto* zone = provider != nullptr ? catalog_->Zone(provider->electricity_zone) : nullptr;
  if (zone == nullptr) {
    return std::nullopt;
  }
  std::string assumptions;
  Bounds pue = kAssumedPue;
  if (provider->pue) {
    pue = *provider->pue;
  } else {
    assumptions = fmt::format("PUE not published: assumed {}-{}", kAssumedPue.low, kAssumedPue.high);
  }
  const Bounds wue = provider->datacenter_wue_l_per_kwh.value_or(Bounds{0, 0});
  Estimate estimate{{}, {}, zone->zone, assumptions};
  for (const bool upper : {false, true}) {
    EcoLogitsInput input;
    input.active_params_b = upper ? entry->active_params_b->high : entry->active_params_b->low;
    input.total_params_b = upper ? entry->total_params_b->high : entry->total_params_b->low;
    input.output_tokens = static_cast<double>(*response.usage.output_tokens);
    if (response.timing.end_to_end_ms > 0) {
      input.request_latency_s = response.timing.end_to_end_ms / 1000;  // unset for a projection: nothing measured yet
    }
    input.mix = zone->mix;
    input.pue = upper ? pue.high : pue.low;
    input.datacenter_wue_l_per_kwh = upper ? wue.high : wue.low;
    (upper ? estimate.high : estimate.low) = EstimateWithEcoLogits(input);
  }
  return estimate;
}

std::optional<core::EnergyReading> RequestCosting::EstimateEnergy(const core::Response& response) const {
  const auto estimate = EstimateImpacts(response);
  if (!estimate) {
    return std::nullopt;
  }
  constexpr double kJoulesPerKwh = 3.6e6;
  const double low = estimate->low.request_energy_kwh * kJoulesPerKwh;
  const double high = estimate->high.request_energy_kwh * kJoulesPerKwh;
  return core::EnergyReading{(low + high) / 2, false, std::string(kEcoLogitsMethod), low, high};
}

std::optional<Bounds> RequestCosting::ModelledLatencySeconds(const core::Response& response) const {
  const auto estimate = EstimateImpacts(response);
  if (!estimate) {
    return std::nullopt;
  }
  return Bounds{estimate->low.generation_latency_s, estimate->high.generation_latency_s};
}

nlohmann::ordered_json RequestCosting::Carbon(const core::Response& response) const {
  const auto estimate = EstimateImpacts(response);
  if (!estimate) {
    return nullptr;
  }
  const auto total = [](const EcoLogitsImpacts& impacts) {
    return impacts.request_usage_gwp_kgco2eq + impacts.request_embodied_gwp_kgco2eq;
  };
  nlohmann::ordered_json carbon;
  carbon["kgco2eq"] = (total(estimate->low) + total(estimate->high)) / 2;
  carbon["low_kgco2eq"] = total(estimate->low);
  carbon["high_kgco2eq"] = total(estimate->high);
  carbon["usage_kgco2eq"] = (estimate->low.request_usage_gwp_kgco2eq + estimate->high.request_usage_gwp_kgco2eq) / 2;
  carbon["embodied_kgco2eq"] =
      (estimate->low.request_embodied_gwp_kgco2eq + estimate->high.request_embodied_gwp_kgco2eq) / 2;
  // The same estimate gives primary energy and water; kept beside the carbon it comes with.
  const auto ranged = [](double low, double high) {
    return nlohmann::ordered_json{{"value", (low + high) / 2}, {"low", low}, {"high", high}};
  };
  carbon["primary_energy_mj"] = ranged(estimate->low.request_usage_pe_mj + estimate->low.request_embodied_pe_mj,
                                       estimate->high.request_usage_pe_mj + estimate->high.request_embodied_pe_mj);
  carbon["water_l"] = ranged(estimate->low.request_usage_wcf_l, estimate->high.request_usage_wcf_l);
  carbon["method"] = kEcoLogitsMethod;
  carbon["zone"] = estimate->zone;
  carbon["assumptions"] = estimate->assumptions;
  return carbon;
}

}  // namespace etalon::meters
