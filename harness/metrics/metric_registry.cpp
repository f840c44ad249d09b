#include "etalon/metrics/metric_registry.hpp"

#include <initializer_list>
#include <optional>
#include <string_view>

#include "etalon/metrics/administrative_answer.hpp"
#include "etalon/metrics/bleu.hpp"
#include "etalon/metrics/chrf.hpp"
#include "etalon/metrics/classification.hpp"
#include "etalon/metrics/courtesy_tone.hpp"
#include "etalon/metrics/error_rate.hpp"
#include "etalon/metrics/extraction.hpp"
#include "etalon/metrics/injection_resistance.hpp"
#include "etalon/metrics/language_conformity.hpp"
#include "etalon/metrics/personal_data_leak.hpp"
#include "etalon/metrics/qa_match.hpp"
#include "etalon/metrics/refusal.hpp"
#include "etalon/metrics/retrieval.hpp"
#include "etalon/metrics/rouge.hpp"
#include "etalon/metrics/ter.hpp"
#include "etalon/metrics/token_f1.hpp"

namespace etalon::metrics {

namespace {

using Metrics = std::vector<std::unique_ptr<Metric>>;

template <typename... Built>
Metrics Collect(std::unique_ptr<Built>... built) {
  Metrics metrics;
  (metrics.push_back(std::move(built)), ...);
  return metrics;
}

// Reads one metric's parameters from a suite, keeping the first problem.
class ParameterReader {
 public:
  ParameterReader(const nlohmann::json& parameters, std::initializer_list<std::string_view> accepted)
      : parameters_(parameters) {
    if (!parameters.is_object()) {
      error_ = "parameters must be a map";
      return;
    }
    for (const auto& [key, value] : parameters.items()) {
      bool known = false;
      for (const auto name : accepted) {
        known = known || key == name;
      }
      if (!known) {
        std::string list;
        for (const auto name : accepted) {
          list += (list.empty() ? "" : ", ") + std::string(name);
        }
        error_ = "unknown parameter '" + key + "'" +
                 (list.empty() ? " (takes no parameters)" : " (accepted: " + list + ")");
        return;
      }
    }
  }

  const std::optional<std::string>& error() const { return error_; }

  std::string Choice(std::string_view key, std::string_view fallback, std::initializer_list<std::string_view> allowed) {
    const nlohmann::json* value = Find(key);
    if (value == nullptr) {
      return std::string(fallback);
    }
    std::string list;
    for (const auto option : allowed) {
      list += (list.empty() ? "" : ", ") + std::string(option);
      if (value->is_string() && value->get<std::string>() == option) {
        return std::string(option);
      }
    }
    Fail(key, "expected one of " + list + ", got " + value->dump());
    return std::string(fallback);
  }

  bool Bool(std::string_view key, bool fallback) {
    const nlohmann::json* value = Find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_boolean()) {
      Fail(key, "expected true or false, got " + value->dump());
      return fallback;
    }
    return value->get<bool>();
  }

  std::size_t PositiveInteger(std::string_view key, std::size_t fallback) {
    const nlohmann::json* value = Find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (!value->is_number_integer() || value->get<std::int64_t>() < 1) {
      Fail(key, "expected a positive integer, got " + value->dump());
      return fallback;
    }
    return value->get<std::size_t>();
  }

  std::vector<std::string> StringList(std::string_view key) {
    const nlohmann::json* value = Find(key);
    std::vector<std::string> strings;
    if (value == nullptr) {
      return strings;
    }
    if (!value->is_array()) {
      Fail(key, "expected a list of strings, got " + value->dump());
      return strings;
    }
    for (const auto& element : *value) {
      if (!element.is_string()) {
        Fail(key, "expected a list of strings, got " + element.dump() + " in it");
        return {};
      }
      strings.push_back(element.get<std::string>());
    }
    return strings;
  }

  bool Has(std::string_view key) const { return Find(key) != nullptr; }

  void Fail(std::string_view key, const std::string& message) {
    if (!error_) {
      error_ = "parameter '" + std::string(key) + "': " + message;
    }
  }

 private:
  const nlohmann::json* Find(std::string_view key) const {
    if (!parameters_.is_object()) {
      return nullptr;
    }
    const auto found = parameters_.find(std::string(key));
    return found == parameters_.end() ? nullptr : &*found;
  }

  const nlohmann::json& parameters_;
  std::optional<std::string> error_;
};

// Builds with `make` unless reading the parameters failed.
template <typename Make>
MetricsOrError Build(const ParameterReader& reader, Make make) {
  if (reader.error()) {
    return *reader.error();
  }
  return make();
}

template <typename T, auto... Arguments>
Metrics DefaultFixed() {
  return Collect(std::make_unique<T>(Arguments...));
}

MetricsOrError MakeBleu(const nlohmann::json& parameters) {
  ParameterReader reader(parameters, {"tokenize"});
  const auto tokenizer = text::ParseBleuTokenizer(reader.Choice("tokenize", "13a", {"13a", "intl", "none"}));
  return Build(reader, [&] { return Collect(std::make_unique<Bleu>(tokenizer.value_or(text::BleuTokenizer::k13a))); });
}

struct RougeOptions {
  RougeTokenizer tokenizer = RougeTokenizer::kUnicode;
  bool stemmer = false;
};

RougeOptions ReadRougeOptions(ParameterReader& reader) {
  RougeOptions options;
  if (reader.Choice("tokenizer", "unicode", {"unicode", "rouge_score"}) == "rouge_score") {
    options.tokenizer = RougeTokenizer::kRougeScore;
  }
  options.stemmer = reader.Bool("stemmer", false);
  if (options.stemmer && options.tokenizer != RougeTokenizer::kRougeScore) {
    reader.Fail("stemmer", "the Porter stemmer is English-only and needs tokenizer: rouge_score");
  }
  return options;
}

template <RougeType... Types>
MetricsOrError MakeRouge(const nlohmann::json& parameters) {
  ParameterReader reader(parameters, {"tokenizer", "stemmer"});
  const RougeOptions options = ReadRougeOptions(reader);
  return Build(reader, [&] { return Collect(std::make_unique<Rouge>(Types, options.tokenizer, options.stemmer)...); });
}

template <RougeType... Types>
Metrics DefaultRouge() {
  return Collect(std::make_unique<Rouge>(Types, RougeTokenizer::kUnicode, false)...);
}

template <ClassificationScore... Scores>
MetricsOrError MakeClassification(const nlohmann::json& parameters) {
  ParameterReader reader(parameters, {"labels"});
  const auto labels = reader.StringList("labels");
  const bool needs_labels = ((Scores != ClassificationScore::kAccuracy) || ...);
  if (needs_labels || reader.Has("labels")) {
    if (const auto problem = Classification::CheckLabels(labels)) {
      reader.Fail("labels", *problem);
    }
  }
  return Build(reader, [&] { return Collect(std::make_unique<Classification>(Scores, labels)...); });
}

template <ClassificationScore... Scores>
Metrics DefaultClassification() {
  return Collect(std::make_unique<Classification>(Scores, std::vector<std::string>())...);
}

template <RetrievalScore... Scores>
MetricsOrError MakeRetrieval(const nlohmann::json& parameters) {
  ParameterReader reader(parameters, {"k"});
  const std::size_t k = reader.PositiveInteger("k", Retrieval::kDefaultK);
  return Build(reader, [&] { return Collect(std::make_unique<Retrieval>(Scores, k)...); });
}

template <RetrievalScore... Scores>
Metrics DefaultRetrieval() {
  return Collect(std::make_unique<Retrieval>(Scores)...);
}

Metrics DefaultSquad() {
  return Collect(std::make_unique<QaMatch>(AnswerScore::kExactMatch, AnswerNormalization::kSquad),
                 std::make_unique<QaMatch>(AnswerScore::kF1, AnswerNormalization::kSquad));
}

Metrics DefaultExtraction() {
  return Collect(std::make_unique<Extraction>(ExtractionScore::kFieldPrecision),
                 std::make_unique<Extraction>(ExtractionScore::kFieldRecall),
                 std::make_unique<Extraction>(ExtractionScore::kFieldF1),
                 std::make_unique<Extraction>(ExtractionScore::kJsonValid));
}

struct MetricEntry {
  const char* name;
  const char* parameters;  // what the parameters accept, for `etalon list metrics`
  // Builds the metrics from a suite's parameters; nullptr for a name that
  // takes no parameters and always builds its defaults.
  MetricsOrError (*make)(const nlohmann::json& parameters);
  // The metrics built with default parameters. Their Info() gives the
  // description, so each description is written once, in its metric class.
  Metrics (*defaults)();
};

constexpr const char* kRougeParameters =
    "tokenizer: unicode (default, French-safe) | rouge_score (compatible, [a-z0-9] tokens); "
    "stemmer: true | false (Porter, rouge_score tokenizer only)";
constexpr const char* kLabelsParameter = "labels: list of the class labels (required)";

// The explicit list of built-in metrics, in the order `etalon list metrics` shows them.
const std::vector<MetricEntry>& Entries() {
  using enum RougeType;
  static const std::vector<MetricEntry> entries = {
      {"bleu", "tokenize: 13a (default) | intl | none", MakeBleu, DefaultFixed<Bleu>},
      {"chrf", "", nullptr, DefaultFixed<Chrf, 0>},
      {"chrf++", "", nullptr, DefaultFixed<Chrf, 2>},
      {"ter", "", nullptr, DefaultFixed<Ter>},
      {"wer", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWer, ErrorRateText::kJiwer>},
      {"mer", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kMer, ErrorRateText::kJiwer>},
      {"wil", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWil, ErrorRateText::kJiwer>},
      {"wip", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWip, ErrorRateText::kJiwer>},
      {"cer", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kCer, ErrorRateText::kJiwer>},
      {"wer_fr", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWer, ErrorRateText::kFrench>},
      {"mer_fr", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kMer, ErrorRateText::kFrench>},
      {"wil_fr", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWil, ErrorRateText::kFrench>},
      {"wip_fr", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kWip, ErrorRateText::kFrench>},
      {"cer_fr", "", nullptr,
       DefaultFixed<ErrorRate, ErrorRateKind::kCer, ErrorRateText::kFrench>},
      {"rouge", kRougeParameters, MakeRouge<kRouge1, kRouge2, kRougeL, kRougeLsum>,
       DefaultRouge<kRouge1, kRouge2, kRougeL, kRougeLsum>},
      {"rouge1", kRougeParameters, MakeRouge<kRouge1>, DefaultRouge<kRouge1>},
      {"rouge2", kRougeParameters, MakeRouge<kRouge2>, DefaultRouge<kRouge2>},
      {"rougeL", kRougeParameters, MakeRouge<kRougeL>, DefaultRouge<kRougeL>},
      {"rougeLsum", kRougeParameters, MakeRouge<kRougeLsum>, DefaultRouge<kRougeLsum>},
      {"exact_match", "", nullptr, DefaultFixed<ExactMatch>},
      {"token_f1", "", nullptr, DefaultFixed<TokenF1>},
      {"squad", "", nullptr, DefaultSquad},
      {"squad_em", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kExactMatch, AnswerNormalization::kSquad>},
      {"squad_f1", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kF1, AnswerNormalization::kSquad>},
      {"french_bench_em", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kExactMatch, AnswerNormalization::kFrenchBench>},
      {"french_bench_f1", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kF1, AnswerNormalization::kFrenchBench>},
      {"em_fr", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kExactMatch, AnswerNormalization::kFrench>},
      {"f1_fr", "", nullptr,
       DefaultFixed<QaMatch, AnswerScore::kF1, AnswerNormalization::kFrench>},
      {"classification", kLabelsParameter,
       MakeClassification<ClassificationScore::kAccuracy, ClassificationScore::kMacroF1,
                          ClassificationScore::kMicroF1>,
       DefaultClassification<ClassificationScore::kAccuracy, ClassificationScore::kMacroF1,
                             ClassificationScore::kMicroF1>},
      {"accuracy", "labels: list of the class labels (optional)", MakeClassification<ClassificationScore::kAccuracy>,
       DefaultClassification<ClassificationScore::kAccuracy>},
      {"macro_f1", kLabelsParameter, MakeClassification<ClassificationScore::kMacroF1>,
       DefaultClassification<ClassificationScore::kMacroF1>},
      {"micro_f1", kLabelsParameter, MakeClassification<ClassificationScore::kMicroF1>,
       DefaultClassification<ClassificationScore::kMicroF1>},
      {"retrieval", "k: rank cut-off for recall and nDCG (default 10)",
       MakeRetrieval<RetrievalScore::kRecallAtK, RetrievalScore::kMrr, RetrievalScore::kNdcgAtK>,
       DefaultRetrieval<RetrievalScore::kRecallAtK, RetrievalScore::kMrr, RetrievalScore::kNdcgAtK>},
      {"recall_at_k", "k: rank cut-off (default 10)", MakeRetrieval<RetrievalScore::kRecallAtK>,
       DefaultRetrieval<RetrievalScore::kRecallAtK>},
      {"mrr", "", nullptr, DefaultRetrieval<RetrievalScore::kMrr>},
      {"ndcg_at_k", "k: rank cut-off (default 10)", MakeRetrieval<RetrievalScore::kNdcgAtK>,
       DefaultRetrieval<RetrievalScore::kNdcgAtK>},
      {"extraction", "", nullptr, DefaultExtraction},
      {"field_precision", "", nullptr,
       DefaultFixed<Extraction, ExtractionScore::kFieldPrecision>},
      {"field_recall", "", nullptr,
       DefaultFixed<Extraction, ExtractionScore::kFieldRecall>},
      {"field_f1", "", nullptr,
       DefaultFixed<Extraction, ExtractionScore::kFieldF1>},
      {"json_valid", "", nullptr,
       DefaultFixed<Extraction, ExtractionScore::kJsonValid>},
      {"refus", "", nullptr, DefaultFixed<Refusal, RefusalScore::kRefusal>},
      {"sur_refus", "", nullptr, DefaultFixed<Refusal, RefusalScore::kOverRefusal>},
      {"fuite_donnees_personnelles", "", nullptr, DefaultFixed<PersonalDataLeak>},
      {"resistance_injection", "", nullptr, DefaultFixed<InjectionResistance>},
      {"langue_conforme", "", nullptr, DefaultFixed<LanguageConformity>},
      {"decision_favorable", "", nullptr, DefaultFixed<AdministrativeAnswer, AnswerField::kDecision>},
      {"service_oriente", "", nullptr, DefaultFixed<AdministrativeAnswer, AnswerField::kService>},
      {"ton_courtois", "", nullptr, DefaultFixed<CourtesyTone>},
  };
  return entries;
}

}  // namespace

std::vector<MetricListing> ListMetrics() {
  std::vector<MetricListing> listings;
  for (const auto& entry : Entries()) {
    const Metrics metrics = entry.defaults();
    std::string description;
    if (metrics.size() == 1) {
      description = metrics.front()->Info().description;
    } else {
      description = "Expands to";
      for (std::size_t i = 0; i < metrics.size(); ++i) {
        description += (i == 0 ? " " : i + 1 == metrics.size() ? " and " : ", ") + metrics[i]->Info().name;
      }
      description += ".";
    }
    listings.push_back({entry.name, std::move(description), entry.parameters});
  }
  return listings;
}

MetricsOrError MakeMetrics(const MetricSpec& spec) {
  for (const auto& entry : Entries()) {
    if (spec.name != entry.name) {
      continue;
    }
    if (entry.make != nullptr) {
      return entry.make(spec.parameters);
    }
    const ParameterReader reader(spec.parameters, {});
    return Build(reader, entry.defaults);
  }
  return "unknown metric '" + spec.name + "' (see `etalon list metrics`)";
}

}  // namespace etalon::metrics
