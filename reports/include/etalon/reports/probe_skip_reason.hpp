// Why an adapter got no model probes, in the reader's words: the codes
// model_fingerprints.json stores (`local-adapter`, `not-chat-endpoint`,
// `image-input`, `probes-off`), for reports and command-line messages alike.
#pragma once

#include <string>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// A record written before the codes holds an English sentence: returned as it is.
std::string NotProbedReason(const std::string& code, Language language);

}  // namespace etalon::reports
