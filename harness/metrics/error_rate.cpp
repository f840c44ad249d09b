#include "etalon/metrics/error_rate.hpp"

#include <limits>

#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/intern_tokens.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

struct KindInfo {
  const char* name;
  const char* what;
  bool lower_is_better;
  bool bounded;  // at most 1
};

KindInfo Describe(ErrorRateKind kind) {
  switch (kind) {
    case ErrorRateKind::kWer:
      return {"wer", "Word error rate, (S+D+I)/(H+S+D) over words,", true, false};
    case ErrorRateKind::kMer:
      return {"mer", "Match error rate, (S+D+I)/(H+S+D+I) over words,", true, true};
    case ErrorRateKind::kWil:
      return {"wil", "Word information lost, 1 - WIP,", true, true};
    case ErrorRateKind::kWip:
      return {"wip", "Word information preserved, H/N_ref * H/N_hyp,", false, true};
    case ErrorRateKind::kCer:
      return {"cer", "Character error rate, (S+D+I)/(H+S+D) over characters,", true, false};
  }
  return {"wer", "", true, false};
}

MetricInfo MakeInfo(ErrorRateKind kind, ErrorRateText text) {
  const KindInfo described = Describe(kind);
  std::string name = described.name;
  std::string description = described.what;
  if (text == ErrorRateText::kFrench) {
    name += "_fr";
    description +=
        " after etalon's French normalisation (case folding, NFC, punctuation and apostrophe variants, "
        "NBSP); reported beside the raw figure.";
  } else {
    description += " with jiwer 4.0.0's default transformations; corpus value from summed counts.";
  }
  return {name,
          description,
          0,
          described.bounded ? 1.0 : std::numeric_limits<double>::infinity(),
          !described.lower_is_better,
          Aggregation::kCorpus,
          text == ErrorRateText::kJiwer ? "jiwer 4.0.0" : ""};
}

// jiwer's RemoveMultipleSpaces (re.sub(r"\s\s+", " ")), Strip and
// ReduceToListOfListOfWords (split on " ", empty strings dropped).
std::vector<std::u32string_view> JiwerWords(std::u32string_view sentence, std::u32string& storage) {
  storage.clear();
  for (std::size_t i = 0; i < sentence.size();) {
    if (text::IsPythonWhitespace(sentence[i]) && i + 1 < sentence.size() &&
        text::IsPythonWhitespace(sentence[i + 1])) {
      std::size_t end = i;
      while (end < sentence.size() && text::IsPythonWhitespace(sentence[end])) {
        ++end;
      }
      storage.push_back(U' ');
      i = end;
    } else {
      storage.push_back(sentence[i]);
      ++i;
    }
  }
  const std::u32string_view stripped = text::PythonStrip(storage);
  std::vector<std::u32string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= stripped.size(); ++i) {
    if (i == stripped.size() || stripped[i] == U' ') {
      if (i > start) {
        words.push_back(stripped.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return words;
}

std::vector<std::uint32_t> Characters(std::u32string_view sentence) {
  const std::u32string_view stripped = text::PythonStrip(sentence);
  return {stripped.begin(), stripped.end()};
}

}  // namespace

ErrorRate::ErrorRate(ErrorRateKind kind, ErrorRateText text)
    : kind_(kind), text_(text), info_(MakeInfo(kind, text)) {}

text::EditCounts ErrorRate::Counts(std::string_view reference, std::string_view hypothesis) const {
  std::string normalized_reference;
  std::string normalized_hypothesis;
  if (text_ == ErrorRateText::kFrench) {
    normalized_reference = text::NormalizeFrench(reference);
    normalized_hypothesis = text::NormalizeFrench(hypothesis);
    reference = normalized_reference;
    hypothesis = normalized_hypothesis;
  }
  const auto reference_text = text::DecodeUtf8(reference).value_or(std::u32string());
  const auto hypothesis_text = text::DecodeUtf8(hypothesis).value_or(std::u32string());
  if (kind_ == ErrorRateKind::kCer) {
    return text::CountEdits(Characters(reference_text), Characters(hypothesis_text));
  }
  std::u32string reference_storage;
  std::u32string hypothesis_storage;
  const std::vector<std::vector<std::u32string_view>> words = {JiwerWords(reference_text, reference_storage),
                                                               JiwerWords(hypothesis_text, hypothesis_storage)};
  const auto ids = text::InternTokens(words);
  return text::CountEdits(ids[0], ids[1]);
}

double ErrorRate::FromCounts(ErrorRateKind kind, const text::EditCounts& counts) {
  const auto hits = static_cast<double>(counts.hits);
  const auto substitutions = static_cast<double>(counts.substitutions);
  const auto deletions = static_cast<double>(counts.deletions);
  const auto insertions = static_cast<double>(counts.insertions);
  const double reference_length = hits + substitutions + deletions;
  const double hypothesis_length = hits + substitutions + insertions;
  const double errors = substitutions + deletions + insertions;
  auto information_preserved = [&] {
    if (reference_length == 0 && hypothesis_length == 0) {
      return 1.0;  // silence correctly transcribed as silence
    }
    if (reference_length == 0 || hypothesis_length == 0) {
      return 0.0;
    }
    return (hits / reference_length) * (hits / hypothesis_length);
  };
  switch (kind) {
    case ErrorRateKind::kWer:
    case ErrorRateKind::kCer:
      return reference_length == 0 ? insertions : errors / reference_length;
    case ErrorRateKind::kMer:
      return errors == 0 ? 0.0 : errors / (reference_length + insertions);
    case ErrorRateKind::kWil:
      return 1 - information_preserved();
    case ErrorRateKind::kWip:
      return information_preserved();
  }
  return 0.0;
}

SampleScore ErrorRate::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (sample.references.empty()) {
    score.error = "sample has no reference";
    return score;
  }
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  if (!text::IsValidUtf8(sample.references.front())) {
    score.error = "reference 1 is not valid UTF-8";
    return score;
  }
  const text::EditCounts counts = Counts(sample.references.front(), output);
  score.statistics = {static_cast<double>(counts.hits), static_cast<double>(counts.substitutions),
                      static_cast<double>(counts.deletions), static_cast<double>(counts.insertions)};
  score.value = FromCounts(kind_, counts);
  return score;
}

double ErrorRate::CorpusScore(const std::vector<double>& summed) const {
  if (summed.size() != kStatisticsSize) {
    return 0.0;
  }
  const auto count = [](double value) { return static_cast<std::size_t>(value); };
  return FromCounts(kind_, {count(summed[0]), count(summed[1]), count(summed[2]), count(summed[3])});
}

}  // namespace etalon::metrics
