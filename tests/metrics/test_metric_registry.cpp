// The explicit table of built-in metrics: every name builds, lists a
// description taken from its metric class, and rejects bad parameters with
// a message that says what is accepted.
#include <set>
#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include "etalon/metrics/metric_registry.hpp"

namespace {

using etalon::metrics::MakeMetrics;
using etalon::metrics::MetricSpec;

std::vector<std::string> Names(const MetricSpec& spec) {
  auto made = MakeMetrics(spec);
  if (const auto* error = std::get_if<std::string>(&made)) {
    FAIL_CHECK(spec.name << ": " << *error);
    return {};
  }
  std::vector<std::string> names;
  for (const auto& metric : std::get<0>(made)) {
    names.push_back(metric->Info().name);
  }
  return names;
}

std::string Error(const MetricSpec& spec) {
  auto made = MakeMetrics(spec);
  const auto* error = std::get_if<std::string>(&made);
  return error != nullptr ? *error : "";
}

}  // namespace

TEST_CASE("every listed metric has a description and builds", "[metrics][registry]") {
  std::set<std::string> listed;
  for (const auto& listing : etalon::metrics::ListMetrics()) {
    INFO(listing.name);
    CHECK(listed.insert(listing.name).second);
    CHECK_FALSE(listing.description.empty());
    if (listing.parameters.find("(required)") == std::string::npos) {
      CHECK_FALSE(Names({listing.name}).empty());
    }
  }
  for (const char* name : {"bleu", "chrf", "chrf++", "ter", "wer", "cer", "wer_fr", "rouge", "squad_em",
                           "french_bench_f1", "em_fr", "f1_fr", "accuracy", "mrr", "field_f1", "json_valid"}) {
    CHECK(listed.count(name) == 1);
  }
}

TEST_CASE("metric names and parameters", "[metrics][registry]") {
  CHECK(Names({"bleu", {{"tokenize", "intl"}}}) == std::vector<std::string>{"bleu_intl"});
  CHECK(Names({"rouge"}) == std::vector<std::string>{"rouge1", "rouge2", "rougeL", "rougeLsum"});
  CHECK(Names({"rouge2", {{"tokenizer", "rouge_score"}, {"stemmer", true}}}) ==
        std::vector<std::string>{"rouge2_rouge_score_stemmed"});
  CHECK(Names({"retrieval", {{"k", 5}}}) == std::vector<std::string>{"recall@5", "mrr", "ndcg@5"});
  CHECK(Names({"classification", {{"labels", {"oui", "non"}}}}) ==
        std::vector<std::string>{"accuracy", "macro_f1", "micro_f1"});
}

TEST_CASE("bad metric names and parameters are reported", "[metrics][registry]") {
  CHECK(Error({"blue"}) == "unknown metric 'blue' (see `etalon list metrics`)");
  CHECK(Error({"bleu", {{"tokenize", "spm"}}}) == "parameter 'tokenize': expected one of 13a, intl, none, got \"spm\"");
  CHECK(Error({"chrf", {{"beta", 3}}}) == "unknown parameter 'beta' (takes no parameters)");
  CHECK(Error({"rouge", {{"stemmer", true}}}) ==
        "parameter 'stemmer': the Porter stemmer is English-only and needs tokenizer: rouge_score");
  CHECK(Error({"macro_f1"}) == "parameter 'labels': needs a non-empty list of labels");
  CHECK(Error({"recall_at_k", {{"k", 0}}}) == "parameter 'k': expected a positive integer, got 0");
}
