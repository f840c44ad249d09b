#include "etalon/metrics/retrieval.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

MetricInfo MakeInfo(RetrievalScore score, std::size_t k) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on
  // "literal" + std::string temporaries.
  const std::string cutoff = std::to_string(k);
  MetricInfo info{"", "", 0, 1, true, Aggregation::kMean, ""};
  switch (score) {
    case RetrievalScore::kRecallAtK:
      info.name.append("recall@").append(cutoff);
      info.description.append("Share of the relevant ids (field `relevant_ids`) found in the top ")
          .append(cutoff)
          .append(" of the output ranking, mean over samples.");
      break;
    case RetrievalScore::kMrr:
      info.name = "mrr";
      info.description = "Reciprocal rank of the first relevant id (field `relevant_ids`) in the output ranking, mean.";
      break;
    case RetrievalScore::kNdcgAtK:
      info.name.append("ndcg@").append(cutoff);
      info.description.append("nDCG of the top ")
          .append(cutoff)
          .append(" of the output ranking, binary relevance from field `relevant_ids`, mean.");
      break;
  }
  return info;
}

std::string Trim(std::string_view utf8) {
  const auto decoded = text::DecodeUtf8(utf8).value_or(std::u32string());
  return text::EncodeUtf8(text::PythonStrip(decoded));
}

// "- id", "* id", "• id", "1. id", "1) id" -> "id".
std::string WithoutListMarker(const std::string& line) {
  for (const std::string_view bullet : {"- ", "* ", "\u2022 "}) {
    if (line.starts_with(bullet)) {
      return Trim(std::string_view(line).substr(bullet.size()));
    }
  }
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') {
    ++digits;
  }
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      line[digits + 1] == ' ') {
    return Trim(std::string_view(line).substr(digits + 2));
  }
  return line;
}

std::string IdFromJson(const nlohmann::json& value) {
  return value.is_string() ? Trim(value.get<std::string>()) : value.dump();
}

}  // namespace

Retrieval::Retrieval(RetrievalScore score, std::size_t k) : score_(score), k_(k), info_(MakeInfo(score, k)) {}

std::vector<std::string> Retrieval::ParseRanking(std::string_view output) {
  std::vector<std::string> ids;
  const std::string trimmed = Trim(output);
  bool parsed = false;
  if (trimmed.starts_with('[')) {
    const auto array = nlohmann::json::parse(trimmed, nullptr, false);
    if (!array.is_discarded() && array.is_array()) {
      parsed = true;
      for (const auto& element : array) {
        ids.push_back(IdFromJson(element));
      }
    }
  }
  if (!parsed) {
    std::size_t start = 0;
    while (start <= trimmed.size()) {
      std::size_t end = trimmed.find('\n', start);
      if (end == std::string::npos) {
        end = trimmed.size();
      }
      ids.push_back(WithoutListMarker(Trim(std::string_view(trimmed).substr(start, end - start))));
      start = end + 1;
    }
  }
  std::vector<std::string> unique;
  std::unordered_set<std::string> seen;
  for (auto& id : ids) {
    if (!id.empty() && seen.insert(id).second) {
      unique.push_back(std::move(id));
    }
  }
  return unique;
}

SampleScore Retrieval::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  if (!text::IsValidUtf8(output)) {
    score.error = "output is not valid UTF-8";
    return score;
  }
  const auto field = sample.fields.is_object() ? sample.fields.find("relevant_ids") : sample.fields.end();
  if (!sample.fields.is_object() || field == sample.fields.end() || !field->is_array() || field->empty()) {
    score.error = "sample has no non-empty array field 'relevant_ids'";
    return score;
  }
  std::unordered_set<std::string> relevant;
  for (const auto& id : *field) {
    relevant.insert(IdFromJson(id));
  }
  const std::vector<std::string> ranking = ParseRanking(output);
  nlohmann::json extracted = ranking;
  score.extracted = extracted.dump();

  const std::size_t top = std::min(k_, ranking.size());
  switch (score_) {
    case RetrievalScore::kRecallAtK: {
      const auto found = std::count_if(ranking.begin(), ranking.begin() + static_cast<std::ptrdiff_t>(top),
                                       [&](const std::string& id) { return relevant.contains(id); });
      score.value = static_cast<double>(found) / static_cast<double>(relevant.size());
      break;
    }
    case RetrievalScore::kMrr:
      for (std::size_t rank = 0; rank < ranking.size(); ++rank) {
        if (relevant.contains(ranking[rank])) {
          score.value = 1.0 / static_cast<double>(rank + 1);
          break;
        }
      }
      break;
    case RetrievalScore::kNdcgAtK: {
      double dcg = 0;
      for (std::size_t rank = 0; rank < top; ++rank) {
        if (relevant.contains(ranking[rank])) {
          dcg += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
        }
      }
      double ideal = 0;
      for (std::size_t rank = 0; rank < std::min(k_, relevant.size()); ++rank) {
        ideal += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
      }
      score.value = dcg / ideal;
      break;
    }
  }
  return score;
}

}  // namespace etalon::metrics
