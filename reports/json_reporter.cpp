#include "json_reporter.hpp"

namespace etalon::reports {

void JsonReporter::Write(const RunDocuments& run, Language /*language: data, not prose*/, std::ostream& out) const {
  // The same form as the run's own summary.json (two-space indent, final newline).
  out << run.summary.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace etalon::reports
