#include "etalon/summary/cost_figures.hpp"

#include <fmt/format.h>

#include "etalon/stats/descriptive.hpp"

namespace etalon::summary {

namespace {

nlohmann::ordered_json Ratio(double numerator, std::optional<double> denominator) {
  return denominator && *denominator > 0 ? nlohmann::ordered_json(numerator / *denominator)
                                         : nlohmann::ordered_json(nullptr);
}

}  // namespace

void CostFigures::Add(const SummaryRecord& record) {
  if (const auto* cost = &record.cost; cost->is_object()) {
    eur_.push_back(cost->at("eur").get<double>());
    usage_estimated_ = usage_estimated_ || cost->at("usage_estimated").get<bool>();
    price_dates_.insert(cost->at("price_date").get<std::string>());
  }
  if (const auto* carbon = &record.carbon; carbon->is_object()) {
    kgco2eq_.push_back(carbon->at("kgco2eq").get<double>());
    low_kgco2eq_.push_back(carbon->at("low_kgco2eq").get<double>());
    high_kgco2eq_.push_back(carbon->at("high_kgco2eq").get<double>());
    usage_kgco2eq_.push_back(carbon->at("usage_kgco2eq").get<double>());
    embodied_kgco2eq_.push_back(carbon->at("embodied_kgco2eq").get<double>());
    if (const auto pe = carbon->find("primary_energy_mj"); pe != carbon->end() && pe->is_object()) {
      primary_energy_mj_.push_back(pe->at("value").get<double>());
    }
    if (const auto water = carbon->find("water_l"); water != carbon->end() && water->is_object()) {
      water_l_.push_back(water->at("value").get<double>());
    }
    methods_.insert(carbon->at("method").get<std::string>());
    zones_.insert(carbon->at("zone").get<std::string>());
    if (const auto& assumption = carbon->at("assumptions").get_ref<const std::string&>(); !assumption.empty()) {
      assumptions_.insert(assumption);
    }
  }
}

nlohmann::ordered_json CostFigures::CostJson(const CostContext& context) const {
  nlohmann::ordered_json json;
  double eur = 0;
  std::optional<double> per_request_divisor;
  if (context.server_eur_per_hour) {
    // Self-hosted: the server's stated price for the wall time the cell took.
    eur = *context.server_eur_per_hour * context.span_s / 3600;
    json["basis"] = "server-time";
    json["assumption"] = fmt::format("{} EUR per hour of server, stated in the plan, times {:.1f} s of measured wall time",
                                     *context.server_eur_per_hour, context.span_s);
    per_request_divisor = static_cast<double>(context.succeeded);
  } else if (!eur_.empty()) {
    eur = stats::OrderFreeSum(eur_);
    json["basis"] = "token-prices";
    json["assumption"] = nullptr;
    per_request_divisor = static_cast<double>(eur_.size());
  } else {
    return nullptr;
  }
  json["eur"] = eur;
  json["requests_priced"] = context.server_eur_per_hour ? context.succeeded : eur_.size();
  json["requests_unpriced"] = context.server_eur_per_hour ? 0 : context.succeeded - eur_.size();
  json["per_request_eur"] = Ratio(eur, per_request_divisor);
  json["correct"] = context.correct ? nlohmann::ordered_json(*context.correct) : nlohmann::ordered_json(nullptr);
  json["per_correct_eur"] =
      context.correct ? Ratio(eur, static_cast<double>(*context.correct)) : nlohmann::ordered_json(nullptr);
  json["yearly_requests"] =
      context.yearly_requests ? nlohmann::ordered_json(*context.yearly_requests) : nlohmann::ordered_json(nullptr);
  const auto per_request = json["per_request_eur"];
  json["per_year_eur"] = context.yearly_requests && per_request.is_number()
                             ? nlohmann::ordered_json(per_request.get<double>() * *context.yearly_requests)
                             : nlohmann::ordered_json(nullptr);
  json["usage_estimated"] = usage_estimated_;
  json["price_dates"] = price_dates_;
  return json;
}

nlohmann::ordered_json CostFigures::CarbonJson(const CostContext& context) const {
  if (kgco2eq_.empty()) {
    return nullptr;
  }
  const auto requests = static_cast<double>(kgco2eq_.size());
  const double total = stats::OrderFreeSum(kgco2eq_);
  const double low = stats::OrderFreeSum(low_kgco2eq_);
  const double high = stats::OrderFreeSum(high_kgco2eq_);
  nlohmann::ordered_json json;
  json["requests"] = kgco2eq_.size();
  json["kgco2eq"] = total;
  json["low_kgco2eq"] = low;
  json["high_kgco2eq"] = high;
  json["usage_kgco2eq"] = stats::OrderFreeSum(usage_kgco2eq_);
  json["embodied_kgco2eq"] = stats::OrderFreeSum(embodied_kgco2eq_);
  json["per_request_kgco2eq"] = total / requests;
  json["primary_energy_mj"] =
      primary_energy_mj_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(stats::OrderFreeSum(primary_energy_mj_));
  json["water_l"] = water_l_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(stats::OrderFreeSum(water_l_));
  if (context.yearly_requests) {
    const double scale = *context.yearly_requests / requests;
    json["per_year_kgco2eq"] = {{"value", total * scale}, {"low", low * scale}, {"high", high * scale}};
  } else {
    json["per_year_kgco2eq"] = nullptr;
  }
  json["measured"] = false;
  json["methods"] = methods_;
  json["zones"] = zones_;
  json["assumptions"] = assumptions_;
  return json;
}

}  // namespace etalon::summary
