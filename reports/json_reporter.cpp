#include "json_reporter.hpp"

#include "floor_section.hpp"

namespace etalon::reports {

void JsonReporter::Write(const RunDocuments& run, Language /*language: data, not prose*/, std::ostream& out) const {
  // The run's summary.json with each suite's classical floor added
  // (docs/frugality.md); the same form (two-space indent, final newline).
  auto summary = run.summary;
  const auto floors = ComputeFloorSection(run);
  for (auto& suite : summary.at("suites")) {
    suite["floor"] = FloorJson(floors, suite.at("id").get<std::string>());
  }
  out << summary.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace etalon::reports
