// A sample holding only references: what reference-based metrics read.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "etalon/core/sample.hpp"

namespace etalon::testing {

inline core::Sample SampleWithReferences(std::vector<std::string> references) {
  core::Sample sample;
  sample.references = std::move(references);
  return sample;
}

}  // namespace etalon::testing
