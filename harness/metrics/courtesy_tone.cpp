#include "etalon/metrics/courtesy_tone.hpp"

#include <array>
#include <string>

#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

// Normalised forms (lower case, punctuation as spaces), matched as whole words.
constexpr std::array<std::string_view, 14> kCourteous = {
    "je vous prie",  "nous vous prions", "veuillez agréer", "cordialement",      "bien à vous",
    "n'hésitez pas", "merci",            "avec plaisir",    "à votre disposition", "nous comprenons",
    "je comprends",  "salutations",      "bonne journée",   "nous vous remercions"};
constexpr std::array<std::string_view, 12> kCurt = {
    "inadmissible", "abusif",       "abusive",     "vous auriez dû", "il vous appartenait", "inutile de",
    "irrecevable",  "manifestement", "ne nous recontactez", "nous ne tolérerons", "sans intérêt", "une fois de plus"};

template <std::size_t N>
int CountPhrases(const std::string& padded, const std::array<std::string_view, N>& phrases) {
  int count = 0;
  for (const auto phrase : phrases) {
    const std::string needle = " " + std::string(phrase) + " ";
    for (auto at = padded.find(needle); at != std::string::npos; at = padded.find(needle, at + 1)) {
      ++count;
    }
  }
  return count;
}

}  // namespace

CourtesyTone::CourtesyTone()
    : info_{"ton_courtois",
            "Courtesy of the answer's wording from a French lexicon: (courteous - curt) / (courteous + curt), "
            "0 when neither occurs.",
            -1, 1, true, Aggregation::kMean, ""} {}

SampleScore CourtesyTone::Score(std::string_view output, const core::Sample& /*sample*/) const {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const std::string padded = " " + text::NormalizeFrench(output) + " ";
  const int courteous = CountPhrases(padded, kCourteous);
  const int curt = CountPhrases(padded, kCurt);
  score.value = courteous + curt == 0 ? 0.0 : static_cast<double>(courteous - curt) / (courteous + curt);
  score.extracted = std::to_string(courteous) + "/" + std::to_string(curt);
  return score;
}

}  // namespace etalon::metrics
