// Prices one adapter's requests and, for models served by a remote API,
// estimates their energy and carbon with EcoLogits (a client cannot measure
// a vendor's GPUs). Built once per adapter from the model catalog; applied
// to each response as it completes, so results carry their own cost and a
// budget can be checked while the run goes. Every figure says its basis:
// the catalog entry and price date, whether the token counts were reported
// or estimated, the estimate's method and assumptions.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/core/response.hpp"
#include "etalon/meters/model_catalog.hpp"

namespace etalon::meters {

// When a provider publishes no PUE, the estimate spans this range, stated
// as an assumption in every figure that uses it (docs/energy.md).
inline constexpr Bounds kAssumedPue{1.1, 1.6};

class RequestCosting {
 public:
  // `requested_model` is the plan's `model` for the adapter; `provider` the
  // catalog provider behind it (empty: any); `remote` is true for adapters
  // that reach a vendor's API (EcoLogits applies).
  RequestCosting(const ModelCatalog* catalog, std::string requested_model, std::string provider, bool remote);

  // results.jsonl `cost`: {eur, model, price_date, price_source, eur_rate,
  // usage_estimated}, or null when no catalog price applies.
  nlohmann::ordered_json Cost(const core::Response& response) const;
  // An EcoLogits estimate for a remote model with a known parameter count
  // and output tokens; std::nullopt otherwise.
  std::optional<core::EnergyReading> EstimateEnergy(const core::Response& response) const;
  // results.jsonl `carbon` for that estimate: {kgco2eq, low, high,
  // usage_kgco2eq, embodied_kgco2eq, primary_energy_mj and water_l (each
  // {value, low, high}), method, zone, assumptions}, or null.
  nlohmann::ordered_json Carbon(const core::Response& response) const;

  // EcoLogits' modelled generation time, low and high, for a remote model
  // with a known size; used to project a run's duration before it starts.
  std::optional<Bounds> ModelledLatencySeconds(const core::Response& response) const;

  // Why requests get no cost, for a warning at the start of a run; empty when they do.
  std::string MissingPriceReason() const;

 private:
  struct Estimate {
    EcoLogitsImpacts low;
    EcoLogitsImpacts high;
    std::string zone;
    std::string assumptions;
  };
  const ModelEntry* EntryFor(const core::Response& response) const;
  std::optional<Estimate> EstimateImpacts(const core::Response& response) const;

  const ModelCatalog* catalog_;
  std::string requested_model_;
  std::string provider_;
  bool remote_;
};

}  // namespace etalon::meters
