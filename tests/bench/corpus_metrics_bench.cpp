// Corpus BLEU, chrF and chrF++ over 100,000 French-like segment pairs, single
// thread, as a suite run scores them: Score() per sample, statistics summed,
// CorpusScore() once. The pairs are generated from a fixed seed (about 140
// bytes a segment, hypotheses edited copies of their references, many lines
// repeated), so every run measures the same work.
//
// Reference timings for sacrebleu 2.6.0 on a 2-core machine over a corpus of
// this size: BLEU 17.6 s, chrF 47.5 s, chrF++ 75.9 s (tests/data/golden/README.md).
#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "etalon/core/sample.hpp"
#include "etalon/metrics/bleu.hpp"
#include "etalon/metrics/chrf.hpp"

namespace {

constexpr std::size_t kPairs = 100'000;
constexpr std::uint64_t kSeed = 20261128;

struct Corpus {
  std::vector<std::string> hypotheses;
  std::vector<etalon::core::Sample> samples;
  std::size_t bytes = 0;
};

constexpr std::array kWords = {
    "le",        "la",           "les",         "de",          "des",         "du",           "un",
    "une",       "et",           "à",           "en",          "pour",        "dans",         "par",
    "sur",       "avec",         "est",         "sont",        "doit",        "peut",         "être",
    "l'usager",  "l'État",       "d'identité",  "qu'il",       "demande",     "dossier",      "préfecture",
    "mairie",    "formulaire",   "justificatif", "délai",       "mois",        "jours",        "service",
    "public",    "administration", "déclaration", "impôt",      "revenu",      "allocation",   "logement",
    "caisse",    "sécurité",     "sociale",     "carte",       "titre",       "séjour",       "permis",
    "conduire",  "naissance",    "acte",        "état",        "civil",       "commune",      "département",
    "région",    "tribunal",     "administratif", "recours",   "décision",    "arrêté",       "décret",
    "loi",       "article",      "alinéa",      "procédure",   "délivrance",  "renouvellement", "pièces",
    "originales", "photocopie",  "signature",   "électronique", "téléservice", "rendez-vous",  "guichet",
    "agent",     "instruction",  "réponse",     "courrier",    "recommandé",  "accusé",       "réception",
    "montant",   "euros",        "versement",   "mensuel",     "trimestriel", "ressources",   "foyer",
    "enfants",   "charge",       "résidence",   "principale",  "adresse",     "domicile",     "changement",
    "situation", "familiale",    "mariage",     "pacs",        "divorce",     "décès",        "héritier",
    "notaire",   "succession",   "élève",       "école",       "collège",     "lycée",        "bourse",
    "inscription", "scolaire",   "cantine",     "périscolaire", "transport",  "gratuit",      "tarif",
    "réduit",    "quotient",     "familial",    "CAF",         "CPAM",        "URSSAF",       "France",
    "Travail",   "numéro",       "fiscal",      "avis",        "taxe",        "foncière",     "habitation",
};
constexpr std::array kPunctuation = {",", ".", " :", " ;", " ?", " !", " »", "«\u00a0"};

std::uint64_t Next(std::mt19937_64& random, std::uint64_t bound) { return random() % bound; }

std::string Sentence(std::mt19937_64& random) {
  const std::uint64_t length = 10 + Next(random, 15);
  std::string sentence;
  for (std::uint64_t i = 0; i < length; ++i) {
    if (i > 0) {
      sentence += ' ';
    }
    std::string word = kWords[Next(random, kWords.size())];
    if (i == 0 && word[0] >= 'a' && word[0] <= 'z') {
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    sentence += word;
    if (Next(random, 9) == 0) {
      sentence += kPunctuation[Next(random, kPunctuation.size())];
    }
  }
  return sentence + ".";
}

// A system output for `reference`: words substituted, dropped, inserted or
// swapped with a neighbour, as machine translation or speech recognition do.
std::string Edited(const std::string& reference, std::mt19937_64& random) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= reference.size()) {
    std::size_t end = reference.find(' ', start);
    if (end == std::string::npos) {
      end = reference.size();
    }
    words.push_back(reference.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::string> edited;
  for (std::size_t i = 0; i < words.size(); ++i) {
    switch (Next(random, 12)) {
      case 0:
        edited.emplace_back(kWords[Next(random, kWords.size())]);
        break;
      case 1:
        break;
      case 2:
        edited.push_back(words[i]);
        edited.emplace_back(kWords[Next(random, kWords.size())]);
        break;
      case 3:
        if (i + 1 < words.size()) {
          edited.push_back(words[i + 1]);
          edited.push_back(words[i]);
          ++i;
          break;
        }
        edited.push_back(words[i]);
        break;
      default:
        edited.push_back(words[i]);
        break;
    }
  }
  std::string hypothesis;
  for (const auto& word : edited) {
    hypothesis += (hypothesis.empty() ? "" : " ") + word;
  }
  return hypothesis;
}

const Corpus& FrenchCorpus() {
  static const Corpus corpus = [] {
    Corpus built;
    std::mt19937_64 random(kSeed);
    // About 60% distinct lines, like the reference corpus: the rest repeat
    // earlier pairs (boilerplate sentences recur in administrative text).
    std::vector<std::size_t> originals;
    built.hypotheses.reserve(kPairs);
    built.samples.reserve(kPairs);
    for (std::size_t i = 0; i < kPairs; ++i) {
      etalon::core::Sample sample;
      sample.id = "bench-" + std::to_string(i);
      sample.line = i + 1;
      if (!originals.empty() && Next(random, 10) < 4) {
        const std::size_t source = originals[Next(random, originals.size())];
        sample.references = built.samples[source].references;
        built.hypotheses.push_back(built.hypotheses[source]);
      } else {
        const std::string reference = Sentence(random);
        built.hypotheses.push_back(Edited(reference, random));
        sample.references = {reference};
        originals.push_back(i);
      }
      built.bytes += built.hypotheses.back().size() + sample.references.front().size();
      built.samples.push_back(std::move(sample));
    }
    return built;
  }();
  return corpus;
}

void ScoreCorpus(benchmark::State& state, const etalon::metrics::Metric& metric) {
  const Corpus& corpus = FrenchCorpus();
  double score = 0;
  for (auto _ : state) {
    std::vector<double> summed;
    for (std::size_t i = 0; i < corpus.samples.size(); ++i) {
      const auto sample_score = metric.Score(corpus.hypotheses[i], corpus.samples[i]);
      if (summed.empty()) {
        summed.assign(sample_score.statistics.size(), 0.0);
      }
      for (std::size_t k = 0; k < summed.size(); ++k) {
        summed[k] += sample_score.statistics[k];
      }
    }
    score = metric.CorpusScore(summed);
    benchmark::DoNotOptimize(score);
  }
  state.counters["score"] = score;
  state.counters["pairs"] = static_cast<double>(corpus.samples.size());
  state.counters["MB"] = static_cast<double>(corpus.bytes) / 1e6;
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(corpus.samples.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_CorpusBleu(benchmark::State& state) { ScoreCorpus(state, etalon::metrics::Bleu()); }
void BM_CorpusChrf(benchmark::State& state) { ScoreCorpus(state, etalon::metrics::Chrf(0)); }
void BM_CorpusChrfPlusPlus(benchmark::State& state) { ScoreCorpus(state, etalon::metrics::Chrf(2)); }

}  // namespace

BENCHMARK(BM_CorpusBleu)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CorpusChrf)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CorpusChrfPlusPlus)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
