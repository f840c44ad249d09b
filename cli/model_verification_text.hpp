// The evidence of `etalon verify-model` in words, French by default: the
// verdict, then each line of evidence with its figures and p-values.
#pragma once

#include <string>

#include "etalon/integrity/fingerprint_comparison.hpp"
#include "etalon/reports/reporter.hpp"

namespace etalon::cli {

std::string ModelVerificationText(const std::string& adapter_id, const integrity::ModelFingerprint& stored,
                                  const integrity::ModelComparison& comparison, reports::Language language);

}  // namespace etalon::cli
