// What `etalon gate` writes (docs/gate.md): JUnit XML with one test case per
// policy check, for CI test tabs, and a Markdown summary fit for a merge
// request comment. Each failing check names its figure, the threshold and
// the baseline's value.
#pragma once

#include <ostream>

#include "etalon/gate/gate_evaluation.hpp"
#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

void WriteGateJunit(const gate::GateOutcome& outcome, std::ostream& out);
void WriteGateMarkdown(const gate::GateOutcome& outcome, Language language, std::ostream& out);

}  // namespace etalon::reports
