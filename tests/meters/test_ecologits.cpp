// Checks EstimateWithEcoLogits against the 576 cases EcoLogits 0.9.1 itself
// computed (tests/data/golden/ecologits-0.9.1.jsonl; its README says how),
// and one case worked by hand so the formula is readable in a test.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "etalon/meters/ecologits.hpp"

using etalon::meters::EcoLogitsImpacts;
using etalon::meters::EcoLogitsInput;

namespace {

// A golden value that depends on a PUE/WUE range is {"min", "max"}: the
// estimate at the lower and at the upper bounds.
struct Bounds {
  EcoLogitsImpacts low;
  EcoLogitsImpacts high;
};

double Bound(const nlohmann::json& value, bool upper) {
  if (value.is_array()) {
    return value[upper ? 1 : 0].get<double>();
  }
  return value.get<double>();
}

Bounds Estimate(const nlohmann::json& input) {
  EcoLogitsInput base;
  base.active_params_b = input.at("active_params_b").get<double>();
  base.total_params_b = input.at("total_params_b").get<double>();
  base.output_tokens = input.at("output_tokens").get<double>();
  if (!input.at("request_latency_s").is_null()) {
    base.request_latency_s = input.at("request_latency_s").get<double>();
  }
  const auto& mix = input.at("mix");
  base.mix = {mix.at("adpe_kgsbeq_per_kwh").get<double>(), mix.at("pe_mj_per_kwh").get<double>(),
              mix.at("gwp_kgco2eq_per_kwh").get<double>(), mix.at("wue_l_per_kwh").get<double>()};
  Bounds bounds;
  for (const bool upper : {false, true}) {
    auto at_bound = base;
    at_bound.pue = Bound(input.at("pue"), upper);
    at_bound.datacenter_wue_l_per_kwh = Bound(input.at("datacenter_wue_l_per_kwh"), upper);
    (upper ? bounds.high : bounds.low) = etalon::meters::EstimateWithEcoLogits(at_bound);
  }
  return bounds;
}

const std::map<std::string, std::function<double(const EcoLogitsImpacts&)>>& Fields() {
  static const std::map<std::string, std::function<double(const EcoLogitsImpacts&)>> fields = {
      {"gpu_energy", [](const auto& i) { return i.gpu_energy_kwh; }},
      {"generation_latency", [](const auto& i) { return i.generation_latency_s; }},
      {"model_required_memory", [](const auto& i) { return i.model_required_memory_gb; }},
      {"gpu_required_count", [](const auto& i) { return static_cast<double>(i.gpu_required_count); }},
      {"server_energy", [](const auto& i) { return i.server_energy_kwh; }},
      {"request_energy", [](const auto& i) { return i.request_energy_kwh; }},
      {"request_usage_gwp", [](const auto& i) { return i.request_usage_gwp_kgco2eq; }},
      {"request_usage_adpe", [](const auto& i) { return i.request_usage_adpe_kgsbeq; }},
      {"request_usage_pe", [](const auto& i) { return i.request_usage_pe_mj; }},
      {"request_usage_wcf", [](const auto& i) { return i.request_usage_wcf_l; }},
      {"server_gpu_embodied_gwp", [](const auto& i) { return i.server_gpu_embodied_gwp_kgco2eq; }},
      {"server_gpu_embodied_adpe", [](const auto& i) { return i.server_gpu_embodied_adpe_kgsbeq; }},
      {"server_gpu_embodied_pe", [](const auto& i) { return i.server_gpu_embodied_pe_mj; }},
      {"request_embodied_gwp", [](const auto& i) { return i.request_embodied_gwp_kgco2eq; }},
      {"request_embodied_adpe", [](const auto& i) { return i.request_embodied_adpe_kgsbeq; }},
      {"request_embodied_pe", [](const auto& i) { return i.request_embodied_pe_mj; }},
  };
  return fields;
}

double RelativeError(double got, double expected) {
  return expected == 0 ? std::abs(got) : std::abs(got - expected) / std::abs(expected);
}

}  // namespace

TEST_CASE("golden: EcoLogits 0.9.1 impacts, 576 cases, to 1e-9 relative", "[golden][energy]") {
  std::ifstream file(std::string(ETALON_TEST_DATA_DIR) + "/golden/ecologits-0.9.1.jsonl");
  REQUIRE(file);
  std::size_t cases = 0;
  std::size_t values = 0;
  double worst = 0;
  for (std::string line; std::getline(file, line);) {
    const auto golden = nlohmann::json::parse(line);
    const auto bounds = Estimate(golden.at("input"));
    for (const auto& [name, expected] : golden.at("expected").items()) {
      if (name.rfind("gpu_energy_", 0) == 0) {
        continue;  // the fit's coefficients, constants of the method
      }
      const auto& field = Fields().at(name);
      const bool ranged = expected.is_object();
      const double low = ranged ? expected.at("min").get<double>() : expected.get<double>();
      const double high = ranged ? expected.at("max").get<double>() : low;
      INFO("case " << cases + 1 << " field " << name);
      const double error = std::max(RelativeError(field(bounds.low), low), RelativeError(field(bounds.high), high));
      CHECK(error <= 1e-9);
      worst = std::max(worst, error);
      ++values;
    }
    ++cases;
  }
  CHECK(cases == 576);
  CHECK(values > 576 * 10);
  WARN("EcoLogits golden: " << values << " values, worst relative error " << worst);
}

TEST_CASE("EcoLogits by hand: 8 B parameters, 1,000 tokens, France, PUE 1.16", "[energy]") {
  EcoLogitsInput input;
  input.active_params_b = 8;
  input.total_params_b = 8;
  input.output_tokens = 1000;
  input.mix.gwp_kgco2eq_per_kwh = 0.04418;
  input.pue = 1.16;
  const auto impacts = etalon::meters::EstimateWithEcoLogits(input);
  // Per token: 1.1665e-6 x exp(-0.0112059 x 64) x 8 + 4.0529e-5 = 4.5085e-6 + 4.0529e-5 = 4.5038e-5 Wh.
  const double per_token_wh = 1.1665273170451914e-06 * std::exp(-0.011205921025579175 * 64) * 8 + 4.052928146734005e-05;
  CHECK(impacts.gpu_energy_kwh == Approx(1000 * per_token_wh / 1000));
  // 1.2 x 8 x 16 / 8 = 19.2 GB: one 80 GB GPU.
  CHECK(impacts.model_required_memory_gb == Approx(19.2));
  CHECK(impacts.gpu_required_count == 1);
  // No latency cap: 1,000 x (6.785e-4 x 8 + 3.119e-4 x 64 + 1.947e-2) = 45.86 s.
  CHECK(impacts.generation_latency_s == Approx(1000 * (0.0006785088094353663 * 8 + 0.0003119310311688259 * 64 +
                                                       0.019473717579473387)));
  // Server share: 45.86 s / 3600 x 1.2 kW x 1/8 / 64 = 2.985e-5 kWh.
  CHECK(impacts.server_energy_kwh == Approx(impacts.generation_latency_s / 3600 * 1.2 / 8 / 64));
  // The published example: 8.618e-05 kWh (0.086 Wh).
  CHECK(impacts.request_energy_kwh == Approx(8.618e-05).epsilon(1e-3));
  CHECK(impacts.request_usage_gwp_kgco2eq == Approx(impacts.request_energy_kwh * 0.04418));
}

TEST_CASE("EcoLogits: a measured latency caps the modelled generation time", "[energy]") {
  EcoLogitsInput input;
  input.active_params_b = 70;
  input.total_params_b = 70;
  input.output_tokens = 4000;
  input.request_latency_s = 12.5;
  const auto capped = etalon::meters::EstimateWithEcoLogits(input);
  CHECK(capped.generation_latency_s == 12.5);
  CHECK(capped.gpu_required_count == 4);  // 168 GB: 3 cards, rounded up to a power of two
  input.request_latency_s.reset();
  CHECK(etalon::meters::EstimateWithEcoLogits(input).generation_latency_s > 300);
}
