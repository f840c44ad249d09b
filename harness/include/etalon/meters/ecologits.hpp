// Energy and environmental impacts of one LLM API request, estimated with
// EcoLogits' published method, version 0.9.1 (genai-impact/ecologits,
// ecologits/impacts/llm.py), so a figure here equals EcoLogits' own for the
// same inputs (tests/data/golden/ecologits-0.9.1.jsonl, 576 cases, checked
// to 1e-9 relative). Estimates only: nothing here is measured. The method:
// GPU energy per output token grows with active parameters at batch 64; the
// generation time comes from the same fit, capped by the measured latency;
// GPUs are those needed to hold 16-bit weights (a power of two of 80 GB
// cards); the server's share (1.2 kW for 8 GPUs) is spread over the batch;
// PUE scales the IT energy; usage impacts follow the electricity mix of the
// hosting zone; embodied impacts are hardware footprints amortised over a
// 3-year life and the batch. A range comes from evaluating at each bound.
#pragma once

#include <optional>
#include <string_view>

namespace etalon::meters {

inline constexpr std::string_view kEcoLogitsMethod = "ecologits-0.9.1";

// Impact factors of a zone's electricity, per kWh (EcoLogits' electricity_mixes.csv).
struct ElectricityMix {
  double adpe_kgsbeq_per_kwh = 0;
  double pe_mj_per_kwh = 0;
  double gwp_kgco2eq_per_kwh = 0;
  double wue_l_per_kwh = 0;  // water consumed producing the electricity
  bool operator==(const ElectricityMix&) const = default;
};

struct EcoLogitsInput {
  double active_params_b = 0;  // billions
  double total_params_b = 0;   // billions
  double output_tokens = 0;
  std::optional<double> request_latency_s;  // measured; caps the generation time; unset: no cap
  ElectricityMix mix;
  double pue = 1;
  double datacenter_wue_l_per_kwh = 0;
};

// Every figure EcoLogits computes, in its units (kWh, s, GB, kgCO2eq, kgSbeq, MJ, L).
struct EcoLogitsImpacts {
  double gpu_energy_kwh = 0;  // one GPU, all output tokens
  double generation_latency_s = 0;
  double model_required_memory_gb = 0;
  int gpu_required_count = 0;
  double server_energy_kwh = 0;  // the server without its GPUs, this request's share
  double request_energy_kwh = 0;
  double request_usage_gwp_kgco2eq = 0;
  double request_usage_adpe_kgsbeq = 0;
  double request_usage_pe_mj = 0;
  double request_usage_wcf_l = 0;
  double server_gpu_embodied_gwp_kgco2eq = 0;
  double server_gpu_embodied_adpe_kgsbeq = 0;
  double server_gpu_embodied_pe_mj = 0;
  double request_embodied_gwp_kgco2eq = 0;
  double request_embodied_adpe_kgsbeq = 0;
  double request_embodied_pe_mj = 0;
};

EcoLogitsImpacts EstimateWithEcoLogits(const EcoLogitsInput& input);

}  // namespace etalon::meters
