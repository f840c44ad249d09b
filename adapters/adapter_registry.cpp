#include "etalon/adapters/adapter_registry.hpp"

#include <functional>

#include <fmt/format.h>

#include "adapter_options.hpp"
#include "anthropic/anthropic_adapter_factory.hpp"
#include "builtin/bm25_retriever.hpp"
#include "builtin/builtin_adapters.hpp"
#include "builtin/keyword_router.hpp"
#include "builtin/letter_field_extractor.hpp"
#include "command/command_adapter.hpp"
#include "openai/openai_adapter_factory.hpp"

namespace etalon::adapters {

namespace {

using Factory = std::function<std::unique_ptr<core::Adapter>(const config::AdapterConfig&, const AdapterContext&,
                                                             AdapterOptions&)>;

struct Entry {
  const char* kind;
  const char* description;
  std::string options;
  Factory make;
};

std::chrono::milliseconds DelayOption(AdapterOptions& options) {
  return std::chrono::milliseconds(options.Integer("delay_ms", 0, 0, 3'600'000));
}

// The explicit list of adapter kinds, in the order `etalon list adapters` shows them.
const std::vector<Entry>& Entries() {
  static const std::vector<Entry> entries = {
      {"builtin:echo",
       "Returns the rendered prompt (a harness self-test and a null model), or a sample field unchanged.",
       "field (none: the prompt), delay_ms (0)",
       [](const config::AdapterConfig& config, const AdapterContext& context, AdapterOptions& options) {
         options.RejectUnknown({"field", "delay_ms"});
         return std::make_unique<EchoAdapter>(config.id, context.concurrency, DelayOption(options),
                                              options.String("field", ""));
       }},
      {"builtin:lead", "The first k sentences of a text field: the classic summarisation baseline.",
       "sentences (3), field (input), delay_ms (0)",
       [](const config::AdapterConfig& config, const AdapterContext& context, AdapterOptions& options) {
         options.RejectUnknown({"sentences", "field", "delay_ms"});
         const auto sentences = static_cast<std::size_t>(options.Integer("sentences", 3, 1, 1000));
         return std::make_unique<LeadAdapter>(config.id, context.concurrency, DelayOption(options), sentences,
                                              options.String("field", "input"));
       }},
      {"builtin:bm25-extract",
       "The context sentence that best matches the question by BM25: an extractive QA baseline.",
       "context_field (context), question_field (question), k1 (1.2), b (0.75), delay_ms (0)",
       [](const config::AdapterConfig& config, const AdapterContext& context, AdapterOptions& options) {
         options.RejectUnknown({"context_field", "question_field", "k1", "b", "delay_ms"});
         Bm25Parameters parameters;
         parameters.k1 = options.Number("k1", parameters.k1, 0, 10);
         parameters.b = options.Number("b", parameters.b, 0, 1);
         return std::make_unique<Bm25ExtractAdapter>(config.id, context.concurrency, DelayOption(options),
                                                     options.String("context_field", "context"),
                                                     options.String("question_field", "question"), parameters);
       }},
      {"builtin:bm25", "BM25 over a JSONL corpus: the ids of the k best passages, or the best sentence of them.",
       "corpus (path from the plan), mode (retrieve | answer), k (10), question_field (question), k1, b, delay_ms",
       [](const config::AdapterConfig& config, const AdapterContext& context,
          AdapterOptions& options) -> std::unique_ptr<core::Adapter> {
         options.RejectUnknown({"corpus", "mode", "k", "question_field", "k1", "b", "delay_ms"});
         const auto corpus_path = options.Path("corpus", true);
         const auto mode_name = options.String("mode", "retrieve");
         if (mode_name != "retrieve" && mode_name != "answer") {
           options.Report("mode", "must be retrieve or answer");
         }
         Bm25Parameters parameters;
         parameters.k1 = options.Number("k1", parameters.k1, 0, 10);
         parameters.b = options.Number("b", parameters.b, 0, 1);
         const auto k = static_cast<std::size_t>(options.Integer("k", 10, 1, 1000));
         if (corpus_path.empty()) {
           return nullptr;
         }
         auto corpus = LoadCorpus(corpus_path);
         if (const auto* error = std::get_if<std::string>(&corpus)) {
           options.Report("corpus", *error);
           return nullptr;
         }
         return std::make_unique<Bm25RetrieverAdapter>(
             config.id, context.concurrency, DelayOption(options), std::move(std::get<0>(corpus)),
             mode_name == "answer" ? Bm25RetrieverAdapter::Mode::kAnswer : Bm25RetrieverAdapter::Mode::kRetrieve, k,
             options.String("question_field", "question"), parameters);
       }},
      {"builtin:keywords", "Routes a text to the label whose keywords it contains most: the routing baseline.",
       "keywords (YAML path from the plan), field (input), delay_ms",
       [](const config::AdapterConfig& config, const AdapterContext& context,
          AdapterOptions& options) -> std::unique_ptr<core::Adapter> {
         options.RejectUnknown({"keywords", "field", "delay_ms"});
         const auto path = options.Path("keywords", true);
         if (path.empty()) {
           return nullptr;
         }
         auto table = LoadKeywordTable(path);
         if (const auto* error = std::get_if<std::string>(&table)) {
           options.Report("keywords", *error);
           return nullptr;
         }
         return std::make_unique<KeywordRouterAdapter>(config.id, context.concurrency, DelayOption(options),
                                                       std::move(std::get<0>(table)), options.String("field", "input"));
       }},
      {"builtin:regex-extract",
       "Hand-written rules extracting name, date, file number, amount, municipality and action from a letter.",
       "field (input), delay_ms",
       [](const config::AdapterConfig& config, const AdapterContext& context, AdapterOptions& options) {
         options.RejectUnknown({"field", "delay_ms"});
         return std::make_unique<LetterFieldExtractorAdapter>(config.id, context.concurrency, DelayOption(options),
                                                              options.String("field", "input"));
       }},
      {"command",
       "A local program per request (or one kept running), from an argv template, never through a shell. Presets: "
       "tesseract (OCR, French), apertium (translation, fr-es and es-fr), pocketsphinx (speech; US English model "
       "only).",
       "command, input_field (the prompt), media_field, media_root (the dataset's folder), stdin (input | none), "
       "mode (per-request | persistent), timeout_s (120), processes (concurrency); the entry's preset picks defaults",
       MakeCommandAdapter},
      {"openai",
       "An OpenAI-compatible API (OpenAI, Mistral, Albert, vLLM, Ollama, llama.cpp): chat completions streamed or "
       "not, images for vision models, speech transcription, or embedding retrieval.",
       openai::OpenAiOptionsHelp(), openai::MakeOpenAiAdapter},
      {"anthropic", "Anthropic's Messages API, streamed or not.", anthropic::AnthropicOptionsHelp(),
       anthropic::MakeAnthropicAdapter},
  };
  return entries;
}

}  // namespace

std::vector<AdapterKindInfo> ListAdapterKinds() {
  std::vector<AdapterKindInfo> kinds;
  for (const auto& entry : Entries()) {
    kinds.push_back({entry.kind, entry.description, entry.options});
  }
  return kinds;
}

std::unique_ptr<core::Adapter> MakeAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                           core::Diagnostics& diagnostics) {
  for (const auto& entry : Entries()) {
    if (config.kind != entry.kind) {
      continue;
    }
    const std::size_t first_problem = diagnostics.size();
    AdapterOptions options(config, context.plan_path, diagnostics);
    auto adapter = entry.make(config, context, options);
    if (diagnostics.size() != first_problem) {
      return nullptr;
    }
    return adapter;
  }
  diagnostics.push_back({context.plan_path, config.line, fmt::format("adapters.{}.kind", config.id),
                         fmt::format("unknown adapter kind '{}' (see `etalon list adapters`)", config.kind)});
  return nullptr;
}

}  // namespace etalon::adapters
