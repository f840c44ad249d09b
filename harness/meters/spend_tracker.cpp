#include "etalon/meters/spend_tracker.hpp"

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"

namespace etalon::meters {

SpendTracker::SpendTracker(config::Budget budget) : budget_(budget) {}

void SpendTracker::Add(const nlohmann::ordered_json& record) {
  std::optional<double> joules;
  if (const auto energy = record.find("energy"); energy != record.end() && energy->is_object()) {
    joules = energy->at("joules").get<double>();
  }
  const auto cost = record.find("cost");
  AddResult(cost != record.end() ? *cost : nlohmann::ordered_json(nullptr), joules);
}

void SpendTracker::AddResult(const nlohmann::ordered_json& cost, std::optional<double> joules) {
  AddSpend(cost.is_object() ? cost.at("eur").get<double>() : 0.0, joules.value_or(0.0) / 3.6e6);
}

void SpendTracker::AddSpend(double eur, double kwh) {
  std::lock_guard lock(mutex_);
  eur_ += eur;
  kwh_ += kwh;
}

void SpendTracker::AddJournal(const std::string& journal_path) {
  core::LineReader reader(journal_path);
  std::string line;
  while (reader.is_open() && reader.Next(line)) {
    const auto record = nlohmann::ordered_json::parse(line, nullptr, false);
    if (record.is_object()) {
      Add(record);
    }
  }
}

std::optional<std::string> SpendTracker::Exceeded() const {
  std::lock_guard lock(mutex_);
  if (budget_.eur && eur_ > *budget_.eur) {
    return fmt::format("spent {:.4f} EUR, above the plan's budget of {:.4f} EUR", eur_, *budget_.eur);
  }
  if (budget_.kwh && kwh_ > *budget_.kwh) {
    return fmt::format("used {:.6f} kWh, above the plan's budget of {:.6f} kWh", kwh_, *budget_.kwh);
  }
  return std::nullopt;
}

}  // namespace etalon::meters
