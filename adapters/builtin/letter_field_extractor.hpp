// builtin:regex-extract — the extraction baseline for citizen letters:
// hand-written rules, no model. It answers a JSON object with the fields of
// the extraction-courriers suite:
//   name              the signature (last short line without digits), titles removed
//   date              the header date ("Ville, le 3 mars 2024", "03/03/2024"), ISO 8601
//   file_number       a reference after "n°", "dossier", "référence", or a CODE-2024-0153 shaped token
//   amount            the first sum in euros, as a number
//   municipality      the place of the header line, or "commune/mairie de X"
//   requested_action  by keywords over a closed list of actions
// Absent fields are null. The rules were written from French letter
// conventions, not fitted to the dataset.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "builtin/keyword_router.hpp"
#include "local/pooled_adapter.hpp"

namespace etalon::adapters {

nlohmann::ordered_json ExtractLetterFields(std::string_view letter, const KeywordTable& actions);

// The closed list of actions and their keywords (documented in the suite's datasheet).
const KeywordTable& DefaultActionKeywords();

class LetterFieldExtractorAdapter final : public PooledAdapter {
 public:
  LetterFieldExtractorAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, std::string field);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  std::string field_;
};

}  // namespace etalon::adapters
