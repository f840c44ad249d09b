// What `etalon compare` writes, one class per format (as the reporters):
// JSON for tools (decimal points, every figure) and Markdown for people
// (French by default, decimal commas). Both read a finished Comparison
// only and write to an injected stream.
#pragma once

#include <ostream>

#include "etalon/compare/comparison.hpp"
#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

class CompareJsonWriter {
 public:
  void Write(const compare::Comparison& comparison, std::ostream& out) const;
};

class CompareMarkdownWriter {
 public:
  explicit CompareMarkdownWriter(Language language) : language_(language) {}
  void Write(const compare::Comparison& comparison, std::ostream& out) const;

 private:
  Language language_;
};

}  // namespace etalon::reports
