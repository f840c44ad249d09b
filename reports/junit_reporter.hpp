// junit.xml: for CI pipelines (GitLab and Jenkins read JUnit XML). One
// <testsuite> per suite; one <testcase> per adapter and threshold: every
// expected result recorded, and the error rate within the plan's
// max_error_rate. A failed threshold is a <failure> saying by how much; the
// cell's metrics go to <system-out>. See docs/reports.md.
#pragma once

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

class JunitReporter final : public Reporter {
 public:
  std::string Format() const override { return "junit"; }
  std::string FileName() const override { return "junit.xml"; }
  std::string Description() const override { return "JUnit XML, a test case per suite x adapter x threshold (junit.xml)"; }
  void Write(const RunDocuments& run, Language language, std::ostream& out) const override;
};

}  // namespace etalon::reports
