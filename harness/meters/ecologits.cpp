#include "etalon/meters/ecologits.hpp"

#include <algorithm>
#include <cmath>

namespace etalon::meters {

namespace {

// EcoLogits 0.9.1 defaults, with their units.
constexpr double kGpuEnergyAlpha = 1.1665273170451914e-06;
constexpr double kGpuEnergyBeta = -0.011205921025579175;
constexpr double kGpuEnergyGamma = 4.052928146734005e-05;  // Wh per token, with alpha
constexpr double kLatencyAlpha = 0.0006785088094353663;     // s per token per billion active parameters
constexpr double kLatencyBeta = 0.0003119310311688259;      // s per token per batch slot
constexpr double kLatencyGamma = 0.019473717579473387;      // s per token
constexpr double kBatchSize = 64;
constexpr double kQuantizationBits = 16;
constexpr double kGpuMemoryGb = 80;
constexpr double kServerGpus = 8;
constexpr double kServerPowerKw = 1.2;  // without GPUs
constexpr double kServerEmbodiedGwp = 5700;
constexpr double kServerEmbodiedAdpe = 0.37;
constexpr double kServerEmbodiedPe = 70000;
constexpr double kGpuEmbodiedGwp = 164;
constexpr double kGpuEmbodiedAdpe = 5.1e-3;
constexpr double kGpuEmbodiedPe = 1828;
constexpr double kHardwareLifespanS = 3.0 * 365 * 24 * 60 * 60;

// Whole servers hold a power-of-two number of GPUs.
int GpusToHold(double memory_gb) {
  const double cards = std::max(1.0, std::ceil(memory_gb / kGpuMemoryGb));
  return static_cast<int>(std::pow(2.0, std::ceil(std::log2(cards))));
}

double ServerShare(int gpus, double server_figure, double gpu_figure) {
  return (gpus / kServerGpus) * server_figure + gpus * gpu_figure;
}

}  // namespace

EcoLogitsImpacts EstimateWithEcoLogits(const EcoLogitsInput& input) {
  EcoLogitsImpacts out;
  const double energy_per_token_wh =
      kGpuEnergyAlpha * std::exp(kGpuEnergyBeta * kBatchSize) * input.active_params_b + kGpuEnergyGamma;
  out.gpu_energy_kwh = input.output_tokens * energy_per_token_wh / 1000;
  const double modelled_latency_s =
      input.output_tokens * (kLatencyAlpha * input.active_params_b + kLatencyBeta * kBatchSize + kLatencyGamma);
  out.generation_latency_s =
      input.request_latency_s ? std::min(modelled_latency_s, *input.request_latency_s) : modelled_latency_s;
  out.model_required_memory_gb = 1.2 * input.total_params_b * kQuantizationBits / 8;
  out.gpu_required_count = GpusToHold(out.model_required_memory_gb);
  const int gpus = out.gpu_required_count;
  out.server_energy_kwh = out.generation_latency_s / 3600 * kServerPowerKw * (gpus / kServerGpus) / kBatchSize;
  out.request_energy_kwh = input.pue * (out.server_energy_kwh + gpus * out.gpu_energy_kwh);
  out.request_usage_gwp_kgco2eq = out.request_energy_kwh * input.mix.gwp_kgco2eq_per_kwh;
  out.request_usage_adpe_kgsbeq = out.request_energy_kwh * input.mix.adpe_kgsbeq_per_kwh;
  out.request_usage_pe_mj = out.request_energy_kwh * input.mix.pe_mj_per_kwh;
  // EcoLogits 0.9.1's water formula: the data centre's WUE plus PUE times the mix's WUE.
  out.request_usage_wcf_l =
      out.request_energy_kwh * (input.datacenter_wue_l_per_kwh + input.pue * input.mix.wue_l_per_kwh);
  out.server_gpu_embodied_gwp_kgco2eq = ServerShare(gpus, kServerEmbodiedGwp, kGpuEmbodiedGwp);
  out.server_gpu_embodied_adpe_kgsbeq = ServerShare(gpus, kServerEmbodiedAdpe, kGpuEmbodiedAdpe);
  out.server_gpu_embodied_pe_mj = ServerShare(gpus, kServerEmbodiedPe, kGpuEmbodiedPe);
  const double hardware_share = out.generation_latency_s / (kHardwareLifespanS * kBatchSize);
  out.request_embodied_gwp_kgco2eq = hardware_share * out.server_gpu_embodied_gwp_kgco2eq;
  out.request_embodied_adpe_kgsbeq = hardware_share * out.server_gpu_embodied_adpe_kgsbeq;
  out.request_embodied_pe_mj = hardware_share * out.server_gpu_embodied_pe_mj;
  return out;
}

}  // namespace etalon::meters
