// Checks every value in tests/data/golden/*.expected.json (computed by
// sacrebleu 2.6.0, jiwer 4.0.0, rouge_score 0.1.2 and the SQuAD v1.1 script,
// see tests/data/golden/README.md) against etalon's metrics: corpus figures,
// per-line lists and their intermediate counts, within 1e-9 on each
// reference's own scale (0-100 for sacrebleu and the SQuAD corpus figures).
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/sample_with_references.hpp"
#include "etalon/core/sample.hpp"
#include "etalon/metrics/bleu.hpp"
#include "etalon/metrics/chrf.hpp"
#include "etalon/metrics/error_rate.hpp"
#include "etalon/metrics/qa_match.hpp"
#include "etalon/metrics/rouge.hpp"
#include "etalon/metrics/ter.hpp"
#include "etalon/text/utf8.hpp"

namespace {

using etalon::core::Sample;
using etalon::metrics::AnswerNormalization;
using etalon::metrics::AnswerScore;
using etalon::metrics::Bleu;
using etalon::metrics::Chrf;
using etalon::metrics::ErrorRate;
using etalon::metrics::ErrorRateKind;
using etalon::metrics::ErrorRateText;
using etalon::metrics::QaMatch;
using etalon::metrics::Rouge;
using etalon::metrics::RougeTokenizer;
using etalon::metrics::RougeType;
using etalon::metrics::Ter;
using nlohmann::json;

constexpr double kTolerance = 1e-9;
const char* const kGoldenFiles[] = {"fr_pairs", "edge_cases", "multi_ref"};

struct GoldenPair {
  std::string hypothesis;
  std::vector<std::string> references;  // references[0] is "ref"
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string GoldenPath(const std::string& name) { return std::string(ETALON_TEST_DATA_DIR) + "/golden/" + name; }

// One JSON object a line; split on '\n' only, since some lines hold U+2028.
std::vector<GoldenPair> ReadPairs(const std::string& name) {
  const std::string content = ReadFile(GoldenPath(name + ".jsonl"));
  std::vector<GoldenPair> pairs;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) {
      end = content.size();
    }
    if (end > start) {
      const json line = json::parse(content.substr(start, end - start));
      GoldenPair pair{line.at("hyp").get<std::string>(), {}};
      if (line.contains("refs")) {
        pair.references = line.at("refs").get<std::vector<std::string>>();
      } else {
        pair.references = {line.at("ref").get<std::string>()};
      }
      REQUIRE(pair.references.front() == line.at("ref").get<std::string>());
      pairs.push_back(std::move(pair));
    }
    start = end + 1;
  }
  return pairs;
}

json ReadExpected(const std::string& name) { return json::parse(ReadFile(GoldenPath(name + ".expected.json"))); }

std::u32string Decode(const std::string& utf8) { return etalon::text::DecodeUtf8(utf8).value(); }

std::vector<std::u32string> Decode(const std::vector<std::string>& utf8) {
  std::vector<std::u32string> decoded;
  for (const auto& text : utf8) {
    decoded.push_back(Decode(text));
  }
  return decoded;
}


void Add(std::vector<double>& sum, const std::vector<double>& statistics) {
  if (sum.empty()) {
    sum.assign(statistics.size(), 0.0);
  }
  REQUIRE(sum.size() == statistics.size());
  for (std::size_t i = 0; i < sum.size(); ++i) {
    sum[i] += statistics[i];
  }
}

void CheckValue(double actual, const json& expected, const std::string& what) {
  INFO(what << ": etalon " << std::setprecision(17) << actual << ", reference " << expected.dump());
  CHECK(std::abs(actual - expected.get<double>()) <= kTolerance);
}

std::string Where(const std::string& file, std::size_t line, const std::string& what) {
  return file + ".jsonl line " + std::to_string(line + 1) + " " + what;
}

}  // namespace

TEST_CASE("golden: sacrebleu 2.6.0 BLEU, corpus and sentence", "[golden][bleu]") {
  for (const char* file : kGoldenFiles) {
    DYNAMIC_SECTION(file) {
      const auto pairs = ReadPairs(file);
      const json expected = ReadExpected(file).at("sacrebleu");
      const Bleu bleu;
      std::vector<double> sum;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto statistics = bleu.Statistics(Decode(pairs[i].hypothesis), Decode(pairs[i].references));
        Add(sum, statistics);
        const json& detail = expected.at("sentence").at("bleu_detail").at(i);
        CheckValue(statistics[0], detail.at("sys_len"), Where(file, i, "sys_len"));
        CheckValue(statistics[1], detail.at("ref_len"), Where(file, i, "ref_len"));
        for (std::size_t n = 0; n < 4; ++n) {
          CheckValue(statistics[2 + n], detail.at("counts").at(n), Where(file, i, "counts"));
          CheckValue(statistics[6 + n], detail.at("totals").at(n), Where(file, i, "totals"));
        }
        const auto sentence = Bleu::FromStatistics(statistics, true);
        CheckValue(sentence.brevity_penalty, detail.at("bp"), Where(file, i, "bp"));
        CheckValue(sentence.score, expected.at("sentence").at("bleu").at(i), Where(file, i, "sentence bleu"));
        const auto scored = bleu.Score(pairs[i].hypothesis, etalon::testing::SampleWithReferences(pairs[i].references));
        CheckValue(scored.value, expected.at("sentence").at("bleu").at(i), Where(file, i, "Score() value"));
      }
      const json& corpus = expected.at("corpus").at("bleu");
      const auto result = Bleu::FromStatistics(sum, false);
      CheckValue(result.score, corpus.at("score"), "corpus bleu score");
      CheckValue(bleu.CorpusScore(sum), corpus.at("score"), "corpus bleu CorpusScore()");
      CheckValue(result.brevity_penalty, corpus.at("bp"), "corpus bleu bp");
      CheckValue(sum[0], corpus.at("sys_len"), "corpus bleu sys_len");
      CheckValue(sum[1], corpus.at("ref_len"), "corpus bleu ref_len");
      for (std::size_t n = 0; n < 4; ++n) {
        CheckValue(sum[2 + n], corpus.at("counts").at(n), "corpus bleu counts");
        CheckValue(sum[6 + n], corpus.at("totals").at(n), "corpus bleu totals");
        CheckValue(result.precisions[n], corpus.at("precisions").at(n), "corpus bleu precisions");
      }
    }
  }
}

TEST_CASE("golden: sacrebleu 2.6.0 chrF and chrF++, corpus and sentence", "[golden][chrf]") {
  for (const char* file : kGoldenFiles) {
    for (const int word_order : {0, 2}) {
      const std::string key = word_order == 0 ? "chrf" : "chrf++";
      DYNAMIC_SECTION(file << " " << key) {
        const auto pairs = ReadPairs(file);
        const json expected = ReadExpected(file).at("sacrebleu");
        const Chrf chrf(word_order);
        std::vector<double> sum;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
          const auto statistics = chrf.Statistics(Decode(pairs[i].hypothesis), Decode(pairs[i].references));
          Add(sum, statistics);
          CheckValue(chrf.FScore(statistics), expected.at("sentence").at(key).at(i), Where(file, i, key));
          const auto scored = chrf.Score(pairs[i].hypothesis, etalon::testing::SampleWithReferences(pairs[i].references));
          CheckValue(scored.value, expected.at("sentence").at(key).at(i), Where(file, i, key + " Score()"));
        }
        CheckValue(chrf.CorpusScore(sum), expected.at("corpus").at(key).at("score"), "corpus " + key);
      }
    }
  }
}

TEST_CASE("golden: sacrebleu 2.6.0 TER, corpus and sentence", "[golden][ter]") {
  for (const char* file : kGoldenFiles) {
    DYNAMIC_SECTION(file) {
      const auto pairs = ReadPairs(file);
      const json expected = ReadExpected(file).at("sacrebleu");
      const Ter ter;
      std::vector<double> sum;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto statistics = ter.Statistics(Decode(pairs[i].hypothesis), Decode(pairs[i].references));
        Add(sum, statistics);
        CheckValue(Ter::FromStatistics(statistics), expected.at("sentence").at("ter").at(i), Where(file, i, "ter"));
      }
      const json& corpus = expected.at("corpus").at("ter");
      CheckValue(ter.CorpusScore(sum), corpus.at("score"), "corpus ter score");
      CheckValue(sum[0], corpus.at("num_edits"), "corpus ter num_edits");
      CheckValue(sum[1], corpus.at("ref_length"), "corpus ter ref_length");
    }
  }
}

TEST_CASE("golden: jiwer 4.0.0 WER, MER, WIL, WIP and CER, corpus and sentence", "[golden][jiwer]") {
  for (const char* file : kGoldenFiles) {
    DYNAMIC_SECTION(file) {
      const auto pairs = ReadPairs(file);
      const json expected = ReadExpected(file).at("jiwer");
      const ErrorRate wer(ErrorRateKind::kWer, ErrorRateText::kJiwer);
      const ErrorRate cer(ErrorRateKind::kCer, ErrorRateText::kJiwer);
      const std::pair<ErrorRateKind, const char*> word_measures[] = {
          {ErrorRateKind::kWer, "wer"}, {ErrorRateKind::kMer, "mer"}, {ErrorRateKind::kWil, "wil"},
          {ErrorRateKind::kWip, "wip"}};
      etalon::text::EditCounts words_total;
      etalon::text::EditCounts chars_total;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const json& line = expected.at("sentence").at(i);
        // jiwer scores the first reference ("ref").
        const auto words = wer.Counts(pairs[i].references.front(), pairs[i].hypothesis);
        const auto chars = cer.Counts(pairs[i].references.front(), pairs[i].hypothesis);
        CheckValue(static_cast<double>(words.hits), line.at("hits"), Where(file, i, "hits"));
        CheckValue(static_cast<double>(words.substitutions), line.at("sub"), Where(file, i, "sub"));
        CheckValue(static_cast<double>(words.deletions), line.at("del"), Where(file, i, "del"));
        CheckValue(static_cast<double>(words.insertions), line.at("ins"), Where(file, i, "ins"));
        // On lines with several optimal alignments, the hits must also lie in
        // the range the reference computed over all of them.
        CHECK(words.hits >= line.at("hits_min").get<std::size_t>());
        CHECK(words.hits <= line.at("hits_max").get<std::size_t>());
        for (const auto& [kind, key] : word_measures) {
          CheckValue(ErrorRate::FromCounts(kind, words), line.at(key), Where(file, i, key));
        }
        CheckValue(static_cast<double>(chars.hits), line.at("c_hits"), Where(file, i, "c_hits"));
        CheckValue(static_cast<double>(chars.substitutions), line.at("c_sub"), Where(file, i, "c_sub"));
        CheckValue(static_cast<double>(chars.deletions), line.at("c_del"), Where(file, i, "c_del"));
        CheckValue(static_cast<double>(chars.insertions), line.at("c_ins"), Where(file, i, "c_ins"));
        CheckValue(ErrorRate::FromCounts(ErrorRateKind::kCer, chars), line.at("cer"), Where(file, i, "cer"));
        const auto scored = wer.Score(pairs[i].hypothesis, etalon::testing::SampleWithReferences(pairs[i].references));
        CheckValue(scored.value, line.at("wer"), Where(file, i, "wer Score()"));
        words_total.hits += words.hits;
        words_total.substitutions += words.substitutions;
        words_total.deletions += words.deletions;
        words_total.insertions += words.insertions;
        chars_total.hits += chars.hits;
        chars_total.substitutions += chars.substitutions;
        chars_total.deletions += chars.deletions;
        chars_total.insertions += chars.insertions;
      }
      const json& corpus = expected.at("corpus");
      for (const auto& [kind, key] : word_measures) {
        CheckValue(ErrorRate::FromCounts(kind, words_total), corpus.at(key), std::string("corpus ") + key);
      }
      CheckValue(static_cast<double>(words_total.hits), corpus.at("hits"), "corpus hits");
      CheckValue(static_cast<double>(words_total.substitutions), corpus.at("substitutions"), "corpus substitutions");
      CheckValue(static_cast<double>(words_total.deletions), corpus.at("deletions"), "corpus deletions");
      CheckValue(static_cast<double>(words_total.insertions), corpus.at("insertions"), "corpus insertions");
      CheckValue(ErrorRate::FromCounts(ErrorRateKind::kCer, chars_total), corpus.at("cer"), "corpus cer");
      CheckValue(static_cast<double>(chars_total.hits), corpus.at("char_hits"), "corpus char_hits");
      CheckValue(static_cast<double>(chars_total.substitutions), corpus.at("char_substitutions"),
                 "corpus char_substitutions");
      CheckValue(static_cast<double>(chars_total.deletions), corpus.at("char_deletions"), "corpus char_deletions");
      CheckValue(static_cast<double>(chars_total.insertions), corpus.at("char_insertions"),
                 "corpus char_insertions");
      const json& self_check = corpus.at("self_check");
      CheckValue(static_cast<double>(words_total.substitutions + words_total.deletions + words_total.insertions),
                 self_check.at("word_edit_distance"), "corpus word_edit_distance");
      CheckValue(static_cast<double>(words_total.hits + words_total.substitutions + words_total.deletions),
                 self_check.at("ref_words"), "corpus ref_words");
      CheckValue(static_cast<double>(chars_total.substitutions + chars_total.deletions + chars_total.insertions),
                 self_check.at("char_edit_distance"), "corpus char_edit_distance");
      CheckValue(static_cast<double>(chars_total.hits + chars_total.substitutions + chars_total.deletions),
                 self_check.at("ref_chars"), "corpus ref_chars");
    }
  }
}

TEST_CASE("golden: rouge_score 0.1.2 ROUGE-1/2/L/Lsum, with and without stemmer", "[golden][rouge]") {
  const std::pair<RougeType, const char*> types[] = {{RougeType::kRouge1, "rouge1"},
                                                     {RougeType::kRouge2, "rouge2"},
                                                     {RougeType::kRougeL, "rougeL"},
                                                     {RougeType::kRougeLsum, "rougeLsum"}};
  for (const char* file : kGoldenFiles) {
    for (const bool stemmer : {false, true}) {
      const char* variant = stemmer ? "stemmer" : "no_stemmer";
      DYNAMIC_SECTION(file << " " << variant) {
        const auto pairs = ReadPairs(file);
        const json expected = ReadExpected(file).at("rouge").at(variant);
        for (const auto& [type, key] : types) {
          const Rouge rouge(type, RougeTokenizer::kRougeScore, stemmer);
          double precision_sum = 0;
          double recall_sum = 0;
          double fmeasure_sum = 0;
          double best_reference_sum = 0;
          for (std::size_t i = 0; i < pairs.size(); ++i) {
            // Per-line values score the first reference, as score(target=ref).
            const auto score = rouge.ScorePair(Decode(pairs[i].references.front()), Decode(pairs[i].hypothesis));
            CheckValue(score.fmeasure, expected.at("sentence_fmeasure").at(key).at(i), Where(file, i, key));
            precision_sum += score.precision;
            recall_sum += score.recall;
            fmeasure_sum += score.fmeasure;
            best_reference_sum += rouge.Score(pairs[i].hypothesis, etalon::testing::SampleWithReferences(pairs[i].references)).value;
          }
          const auto count = static_cast<double>(pairs.size());
          const json& mean = expected.at("mean").at(key);
          CheckValue(precision_sum / count, mean.at("precision"), std::string("mean precision ") + key);
          CheckValue(recall_sum / count, mean.at("recall"), std::string("mean recall ") + key);
          CheckValue(fmeasure_sum / count, mean.at("fmeasure"), std::string("mean fmeasure ") + key);
          CheckValue(fmeasure_sum / count, expected.at("mean_fmeasure").at(key), std::string("mean_fmeasure ") + key);
          CheckValue(best_reference_sum / count, expected.at("multi_ref_mean_fmeasure").at(key),
                     std::string("multi_ref_mean_fmeasure ") + key);
        }
      }
    }
  }
}

TEST_CASE("golden: SQuAD v1.1 exact match and F1", "[golden][squad]") {
  for (const char* file : kGoldenFiles) {
    DYNAMIC_SECTION(file) {
      const auto pairs = ReadPairs(file);
      const json expected = ReadExpected(file).at("squad");
      const QaMatch exact(AnswerScore::kExactMatch, AnswerNormalization::kSquad);
      const QaMatch f1(AnswerScore::kF1, AnswerNormalization::kSquad);
      double exact_sum = 0;
      double f1_sum = 0;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const Sample sample = etalon::testing::SampleWithReferences(pairs[i].references);
        const double exact_value = exact.Score(pairs[i].hypothesis, sample).value;
        const double f1_value = f1.Score(pairs[i].hypothesis, sample).value;
        CheckValue(exact_value, expected.at("sentence_em").at(i), Where(file, i, "squad em"));
        CheckValue(f1_value, expected.at("sentence_f1").at(i), Where(file, i, "squad f1"));
        exact_sum += exact_value;
        f1_sum += f1_value;
      }
      const auto count = static_cast<double>(pairs.size());
      CheckValue(100.0 * exact_sum / count, expected.at("exact_match"), "squad exact_match");
      CheckValue(100.0 * f1_sum / count, expected.at("f1"), "squad f1");
    }
  }
}
