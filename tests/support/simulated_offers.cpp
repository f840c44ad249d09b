#include "support/simulated_offers.hpp"

#include <stdexcept>

namespace etalon::testing {

namespace {

const std::string kSourceDir = ETALON_SOURCE_DIR;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("the shipped file no longer holds '" + from + "'");
  }
  return text.replace(at, from.size(), to);
}

// The simulator's config as shipped, its answer script named by full path
// (the config is copied to another folder).
std::string SimulatorConfig(const std::string& name) {
  return Replace(ReadFile(kSourceDir + "/plans/" + name + ".yaml"), "script: " + name + ".ndjson",
                 "script: " + kSourceDir + "/plans/" + name + ".ndjson");
}

}  // namespace

SimulatedOffers::SimulatedOffers(const TempDir& dir)
    : precise_(SimulatorConfig("offers-simulated-precis")), fast_(SimulatorConfig("offers-simulated-rapide")) {
  auto plan_text = ReadFile(kSourceDir + "/plans/offers-simulated.yaml");
  plan_text = Replace(plan_text, "http://127.0.0.1:18182/v1", precise_.base_url());
  plan_text = Replace(plan_text, "http://127.0.0.1:18183/v1", fast_.base_url());
  plan_ = dir.Write("offers-simulated.yaml", plan_text);
}

}  // namespace etalon::testing
