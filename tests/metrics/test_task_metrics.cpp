// Classification, retrieval and extraction metrics, which read task fields
// of the sample (label, relevant_ids, target) rather than references.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "etalon/core/sample.hpp"
#include "etalon/metrics/classification.hpp"
#include "etalon/metrics/extraction.hpp"
#include "etalon/metrics/retrieval.hpp"

namespace {

using etalon::core::Sample;
using etalon::metrics::Classification;
using etalon::metrics::ClassificationScore;
using etalon::metrics::Extraction;
using etalon::metrics::ExtractionScore;
using etalon::metrics::Metric;
using etalon::metrics::Retrieval;
using etalon::metrics::RetrievalScore;
using nlohmann::json;

Sample WithFields(json fields) {
  Sample sample;
  sample.fields = std::move(fields);
  return sample;
}

double Corpus(const Metric& metric, const std::vector<std::pair<std::string, Sample>>& samples) {
  std::vector<double> summed;
  for (const auto& [output, sample] : samples) {
    const auto score = metric.Score(output, sample);
    REQUIRE_FALSE(score.error.has_value());
    summed.resize(score.statistics.size(), 0.0);
    for (std::size_t i = 0; i < summed.size(); ++i) {
      summed[i] += score.statistics[i];
    }
  }
  return metric.CorpusScore(summed);
}

}  // namespace

TEST_CASE("classification: accuracy, macro and micro F1 from the confusion matrix", "[metrics][classification]") {
  const std::vector<std::string> labels = {"conforme", "non conforme", "incomplet"};
  const std::vector<std::pair<std::string, Sample>> samples = {
      {"Conforme.", WithFields({{"label", "conforme"}})},
      {"non-conforme", WithFields({{"label", "non conforme"}})},
      {"conforme", WithFields({{"label", "non conforme"}})},
      {"je ne sais pas", WithFields({{"label", "incomplet"}})},
  };
  const Classification accuracy(ClassificationScore::kAccuracy, {});
  double correct = 0;
  for (const auto& [output, sample] : samples) {
    correct += accuracy.Score(output, sample).value;
  }
  CHECK(correct == 2.0);

  // conforme: tp 1, fp 1, fn 0 -> F1 2/3; non conforme: tp 1, fp 0, fn 1 -> 2/3;
  // incomplet: tp 0 -> 0. Macro: 4/9. Micro: tp 2, fp 1, fn 2 -> 4/7.
  const Classification macro(ClassificationScore::kMacroF1, labels);
  const Classification micro(ClassificationScore::kMicroF1, labels);
  CHECK(Corpus(macro, samples) == Approx(4.0 / 9.0));
  CHECK(Corpus(micro, samples) == Approx(4.0 / 7.0));

  std::vector<double> summed(labels.size() * (labels.size() + 1), 0.0);
  for (const auto& [output, sample] : samples) {
    const auto statistics = macro.Score(output, sample).statistics;
    for (std::size_t i = 0; i < summed.size(); ++i) {
      summed[i] += statistics[i];
    }
  }
  const auto matrix = macro.ConfusionMatrix(summed);
  CHECK(matrix[1][0] == 1.0);  // gold "non conforme", predicted "conforme"
  CHECK(matrix[2][3] == 1.0);  // gold "incomplet", predicted outside the labels
}

TEST_CASE("classification rejects bad label lists and samples without a label", "[metrics][classification]") {
  CHECK(Classification::CheckLabels({}).has_value());
  CHECK(Classification::CheckLabels({"Oui", "oui."}).has_value());
  CHECK_FALSE(Classification::CheckLabels({"oui", "non"}).has_value());
  const Classification macro(ClassificationScore::kMacroF1, {"oui", "non"});
  CHECK(macro.Score("oui", WithFields({{"id", "x"}})).error.has_value());
  CHECK(macro.Score("oui", WithFields({{"label", "peut-être"}})).error.has_value());
}

TEST_CASE("retrieval: Recall@k, MRR and nDCG@k", "[metrics][retrieval]") {
  const Sample sample = WithFields({{"relevant_ids", {"d3", "d7"}}});
  const std::string ranking = R"(["d1", "d3", "d2", "d7"])";
  CHECK(Retrieval(RetrievalScore::kRecallAtK, 2).Score(ranking, sample).value == 0.5);
  CHECK(Retrieval(RetrievalScore::kRecallAtK, 4).Score(ranking, sample).value == 1.0);
  CHECK(Retrieval(RetrievalScore::kMrr).Score(ranking, sample).value == 0.5);
  const double dcg = 1.0 / std::log2(3.0) + 1.0 / std::log2(5.0);
  const double ideal = 1.0 + 1.0 / std::log2(3.0);
  CHECK(Retrieval(RetrievalScore::kNdcgAtK, 10).Score(ranking, sample).value == Approx(dcg / ideal));
  CHECK(Retrieval(RetrievalScore::kRecallAtK, 3).Info().name == "recall@3");
}

TEST_CASE("retrieval reads JSON arrays and plain lists", "[metrics][retrieval]") {
  CHECK(Retrieval::ParseRanking("1. d4\n- d2\n\n  d4\nd9 ") == std::vector<std::string>{"d4", "d2", "d9"});
  CHECK(Retrieval::ParseRanking("[12, \"a\", 12]") == std::vector<std::string>{"12", "a"});
  CHECK(Retrieval::ParseRanking("").empty());
  const Sample numeric = WithFields({{"relevant_ids", {12}}});
  CHECK(Retrieval(RetrievalScore::kMrr).Score("12", numeric).value == 1.0);
  CHECK(Retrieval(RetrievalScore::kMrr).Score("12", WithFields({{"relevant_ids", json::array()}})).error);
}

TEST_CASE("extraction: field precision, recall and F1, JSON validity", "[metrics][extraction]") {
  const Sample sample = WithFields({{"target",
                                     {{"nom", "Martin"},
                                      {"montant", 120},
                                      {"adresse", {{"ville", "Lyon"}, {"code_postal", "69001"}}},
                                      {"telephone", nullptr}}}});
  const std::string output = "```json\n{\"nom\": \"MARTIN\", \"montant\": \"120\", \"adresse\": {\"ville\": "
                             "\"Paris\"}, \"courriel\": \"x@y.fr\"}\n```";
  const Extraction f1(ExtractionScore::kFieldF1);
  const auto score = f1.Score(output, sample);
  // Target fields: nom, montant, adresse.ville, adresse.code_postal (null left out).
  // Predicted: nom (match), montant (match), adresse.ville (no), courriel (no).
  CHECK(score.statistics == std::vector<double>{2, 4, 4});
  CHECK(score.value == Approx(0.5));
  CHECK(Extraction(ExtractionScore::kJsonValid).Score(output, sample).value == 1.0);
  CHECK(Extraction(ExtractionScore::kJsonValid).Score("{\"nom\": ", sample).value == 0.0);
  CHECK(f1.Score("pas de JSON", sample).statistics == std::vector<double>{0, 0, 4});
  CHECK(f1.Score("{}", WithFields({{"target", "pas un objet"}})).error.has_value());
}
