// Fuzz target: the text layer under the metrics (sacrebleu's tokenizers,
// Python str semantics, the French normaliser, the Porter stemmer) and every
// built-in metric scoring a model output. Input: line 1 the sample (a
// dataset line, or else the reference text itself), the rest the output.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "etalon/dataset/jsonl_dataset.hpp"
#include "etalon/metrics/metric_registry.hpp"
#include "etalon/text/bleu_tokenizer.hpp"
#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/porter_stemmer.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace {

using etalon::metrics::Metric;
using etalon::metrics::MetricSpec;

// Every metric of the table with its defaults, plus the parameters that
// change how text is tokenized.
const std::vector<std::unique_ptr<Metric>>& AllMetrics() {
  static const auto metrics = [] {
    std::vector<MetricSpec> specs;
    for (const auto& listing : etalon::metrics::ListMetrics()) {
      specs.push_back({listing.name, nlohmann::json::object()});
      specs.push_back({listing.name, {{"labels", {"oui", "non", "autre"}}}});
    }
    specs.push_back({"bleu", {{"tokenize", "intl"}}});
    specs.push_back({"bleu", {{"tokenize", "none"}}});
    specs.push_back({"rouge", {{"tokenizer", "rouge_score"}, {"stemmer", true}}});
    specs.push_back({"retrieval", {{"k", 1}}});
    std::vector<std::unique_ptr<Metric>> built;
    for (const auto& spec : specs) {
      auto made = etalon::metrics::MakeMetrics(spec);
      if (auto* metrics = std::get_if<std::vector<std::unique_ptr<Metric>>>(&made)) {
        for (auto& metric : *metrics) {
          built.push_back(std::move(metric));
        }
      }
    }
    return built;
  }();
  return metrics;
}

etalon::core::Sample SampleOf(const std::string& line) {
  etalon::core::Sample sample;
  etalon::core::Diagnostic problem;
  if (!etalon::dataset::ParseSampleLine(line, 1, "fuzz.jsonl", sample, problem)) {
    sample = {};
    sample.id = "fuzz";
    sample.references = {line};
    sample.fields = {{"id", "fuzz"}};
  }
  return sample;
}

namespace text = etalon::text;

void Tokenize(std::string_view utf8) {
  (void)text::ToLower(utf8);
  (void)text::SplitWhitespace(utf8);
  (void)text::WordTokens(utf8);
  const auto code_points = text::DecodeUtf8(utf8);
  if (!code_points) {
    return;
  }
  (void)text::NormalizeFrench(utf8);
  std::u32string storage;
  for (const auto tokenizer : {text::BleuTokenizer::k13a, text::BleuTokenizer::kIntl, text::BleuTokenizer::kNone}) {
    (void)text::TokenizeForBleu(tokenizer, *code_points, storage);
  }
  const auto lowered = text::PythonLower(*code_points);
  (void)text::PythonStrip(lowered);
  const text::PorterStemmer stemmer;
  for (const auto word : text::PythonSplit(lowered)) {
    std::string ascii;
    for (const char32_t c : word) {
      if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
        ascii.push_back(static_cast<char>(c));
      }
    }
    (void)stemmer.Stem(ascii);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const auto sample = SampleOf(std::string(input.substr(0, newline)));
  const auto output = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  Tokenize(output);
  for (const auto& reference : sample.references) {
    Tokenize(reference);
  }
  for (const auto& metric : AllMetrics()) {
    const auto score = metric->Score(output, sample);
    if (!score.error && metric->Info().aggregation == etalon::metrics::Aggregation::kCorpus) {
      (void)metric->CorpusScore(score.statistics);
    }
  }
  return 0;
}
