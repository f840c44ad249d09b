#include "etalon/metrics/extraction.hpp"

#include <algorithm>
#include <cmath>

#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

// Integers up to 2^53 are exact in a double, so 3.0 can be written 3.
constexpr double kLargestExactInteger = 9007199254740992.0;

MetricInfo MakeInfo(ExtractionScore score) {
  switch (score) {
    case ExtractionScore::kFieldPrecision:
      return {"field_precision", "Share of output JSON fields equal to the field of `target`, pooled over samples.",
              0, 1, true, Aggregation::kCorpus, ""};
    case ExtractionScore::kFieldRecall:
      return {"field_recall", "Share of `target` JSON fields found equal in the output, pooled over samples.", 0, 1,
              true, Aggregation::kCorpus, ""};
    case ExtractionScore::kFieldF1:
      return {"field_f1", "F1 of field-level precision and recall against `target`, pooled over samples.", 0, 1,
              true, Aggregation::kCorpus, ""};
    case ExtractionScore::kJsonValid:
      return {"json_valid", "Share of outputs that parse as a JSON object.", 0, 1, true, Aggregation::kMean, ""};
  }
  return {};
}

std::string Trim(std::string_view utf8) {
  const auto decoded = text::DecodeUtf8(utf8).value_or(std::u32string());
  return text::EncodeUtf8(text::PythonStrip(decoded));
}

std::string Canonical(const nlohmann::json& value);

std::string CanonicalObject(const nlohmann::json& object) {
  std::string out = "{";
  for (const auto& [path, canonical] : Extraction::Fields(object)) {
    out += path + "=" + canonical + ";";
  }
  return out + "}";
}

std::string Canonical(const nlohmann::json& value) {
  if (value.is_string()) {
    return text::NormalizeFrench(value.get<std::string>());
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::trunc(number) == number && std::abs(number) <= kLargestExactInteger) {
      return nlohmann::json(static_cast<std::int64_t>(number)).dump();
    }
    return value.dump();
  }
  if (value.is_array()) {
    std::vector<std::string> elements;
    for (const auto& element : value) {
      elements.push_back(element.is_object() ? CanonicalObject(element) : Canonical(element));
    }
    std::sort(elements.begin(), elements.end());
    std::string out = "[";
    for (const auto& element : elements) {
      out += element + "|";
    }
    return out + "]";
  }
  if (value.is_object()) {
    return CanonicalObject(value);
  }
  return value.dump();  // integers and booleans
}

void Flatten(const nlohmann::json& object, const std::string& prefix, std::map<std::string, std::string>& fields) {
  for (const auto& [key, value] : object.items()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_null()) {
      continue;
    }
    if (value.is_object()) {
      Flatten(value, path, fields);
    } else {
      fields[path] = Canonical(value);
    }
  }
}

}  // namespace

Extraction::Extraction(ExtractionScore score) : score_(score), info_(MakeInfo(score)) {}

std::optional<nlohmann::json> Extraction::ParseOutputObject(std::string_view output) {
  std::string text = Trim(output);
  if (text.starts_with("```")) {
    const std::size_t first_line_end = text.find('\n');
    text = first_line_end == std::string::npos ? std::string() : text.substr(first_line_end + 1);
    if (text.ends_with("```")) {
      text.resize(text.size() - 3);
    }
    text = Trim(text);
  }
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return std::nullopt;
  }
  return parsed;
}

std::map<std::string, std::string> Extraction::Fields(const nlohmann::json& object) {
  std::map<std::string, std::string> fields;
  if (object.is_object()) {
    Flatten(object, "", fields);
  }
  return fields;
}

double Extraction::FromStatistics(const std::vector<double>& statistics) const {
  if (statistics.size() != kStatisticsSize) {
    return 0.0;
  }
  const double matched = statistics[0];
  const double predicted = statistics[1];
  const double target = statistics[2];
  // Nothing predicted and nothing to find is a perfect answer.
  const double precision = predicted > 0 ? matched / predicted : (target == 0 ? 1.0 : 0.0);
  const double recall = target > 0 ? matched / target : (predicted == 0 ? 1.0 : 0.0);
  switch (score_) {
    case ExtractionScore::kFieldPrecision:
      return precision;
    case ExtractionScore::kFieldRecall:
      return recall;
    case ExtractionScore::kFieldF1:
    case ExtractionScore::kJsonValid:
      break;
  }
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

SampleScore Extraction::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const auto parsed = ParseOutputObject(output);
  if (score_ == ExtractionScore::kJsonValid) {
    score.value = parsed ? 1.0 : 0.0;
    return score;
  }
  const auto field = sample.fields.is_object() ? sample.fields.find("target") : sample.fields.end();
  if (!sample.fields.is_object() || field == sample.fields.end() || !field->is_object()) {
    score.error = "sample has no object field 'target'";
    return score;
  }
  const auto target = Fields(*field);
  const auto predicted = parsed ? Fields(*parsed) : std::map<std::string, std::string>();
  std::size_t matched = 0;
  for (const auto& [path, value] : predicted) {
    const auto found = target.find(path);
    if (found != target.end() && found->second == value) {
      ++matched;
    }
  }
  score.statistics = {static_cast<double>(matched), static_cast<double>(predicted.size()),
                      static_cast<double>(target.size())};
  score.value = FromStatistics(score.statistics);
  if (parsed) {
    score.extracted = parsed->dump();
  }
  return score;
}

double Extraction::CorpusScore(const std::vector<double>& summed) const { return FromStatistics(summed); }

}  // namespace etalon::metrics
