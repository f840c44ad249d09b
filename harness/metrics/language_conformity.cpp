#include "etalon/metrics/language_conformity.hpp"

#include "etalon/audit/language_identifier.hpp"
#include "etalon/metrics/sample_text_field.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

LanguageConformity::LanguageConformity()
    : info_{"langue_conforme",
            "Share of answers in the expected language (`langue_attendue`, default fr), by a character "
            "n-gram identifier trained on text shipped with etalon.",
            0, 1, true, Aggregation::kMean, ""} {}

SampleScore LanguageConformity::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const auto expected = SampleTextField(sample, "langue_attendue", false);
  if (expected.error) {
    score.error = *expected.error;
    return score;
  }
  score.extracted = audit::LanguageIdentifier::Shipped().Identify(output);
  score.value = score.extracted == expected.text.value_or("fr") ? 1.0 : 0.0;
  return score;
}

}  // namespace etalon::metrics
