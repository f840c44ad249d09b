#include <fmt/format.h>

#include "etalon/reports/gate_report.hpp"

namespace etalon::reports {

namespace {

std::string EscapeXml(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default:
        // Control characters other than tab and newlines are not allowed in XML 1.0.
        escaped += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ? ' ' : c;
    }
  }
  return escaped;
}

std::string Figure(const std::optional<double>& value) { return value ? fmt::format("{}", *value) : "none"; }

std::string FailureText(const gate::CheckResult& check) {
  auto text = fmt::format("{} is {}, threshold {} {}, baseline {}", check.figure, Figure(check.value), check.comparison,
                          check.threshold, Figure(check.baseline));
  if (check.p_value) {
    text += fmt::format(", paired test p = {} < {}", *check.p_value, *check.significance);
  }
  return text;
}

}  // namespace

void WriteGateJunit(const gate::GateOutcome& outcome, std::ostream& out) {
  const std::size_t tests = outcome.checks.size() + 1;  // + the current run's completeness
  const std::size_t errors = outcome.incomplete.empty() ? 0 : 1;
  const auto header = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\"", tests, outcome.failed(), errors);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"etalon gate\" {}>\n", header);
  out << fmt::format("  <testsuite name=\"etalon gate\" {}>\n", header);
  out << fmt::format("    <properties>\n      <property name=\"baseline\" value=\"{}\"/>\n"
                     "      <property name=\"current\" value=\"{}\"/>\n    </properties>\n",
                     EscapeXml(outcome.baseline_source), EscapeXml(outcome.current_source));
  out << "    <testcase classname=\"etalon.gate\" name=\"current run complete\">\n";
  if (!outcome.incomplete.empty()) {
    std::string reasons;
    for (const auto& reason : outcome.incomplete) {
      reasons += reasons.empty() ? reason : "; " + reason;
    }
    out << fmt::format("      <error type=\"incomplete\" message=\"{}\"/>\n", EscapeXml(reasons));
  }
  out << "    </testcase>\n";
  for (const auto& check : outcome.checks) {
    out << fmt::format("    <testcase classname=\"etalon.gate.{}\" name=\"{}\">\n", EscapeXml(check.suite),
                       EscapeXml(check.Name()));
    if (!check.passed) {
      out << fmt::format("      <failure type=\"regression\" message=\"{}\"/>\n", EscapeXml(FailureText(check)));
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace etalon::reports
