// BLEU, chrF and TER beyond the golden files: several references per sample,
// an empty corpus, bad UTF-8, and corpus figures that are not means.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/sample_with_references.hpp"
#include "etalon/core/sample.hpp"
#include "etalon/metrics/bleu.hpp"
#include "etalon/metrics/chrf.hpp"
#include "etalon/metrics/ter.hpp"

namespace {

using etalon::core::Sample;
using etalon::metrics::Bleu;
using etalon::metrics::Chrf;
using etalon::metrics::Metric;
using etalon::metrics::Ter;


std::vector<double> Sum(const Metric& metric, const std::vector<std::pair<std::string, Sample>>& corpus) {
  std::vector<double> summed;
  for (const auto& [output, sample] : corpus) {
    const auto score = metric.Score(output, sample);
    REQUIRE_FALSE(score.error.has_value());
    summed.resize(score.statistics.size(), 0.0);
    for (std::size_t i = 0; i < summed.size(); ++i) {
      summed[i] += score.statistics[i];
    }
  }
  return summed;
}

}  // namespace

TEST_CASE("BLEU clips each n-gram by its most frequent reference", "[metrics][bleu]") {
  const Bleu bleu;
  // Every n-gram of the output is in one reference or the other, never in
  // both: only the two references together give 100.
  const std::string output = "un chat est sur le tapis";
  const auto both = bleu.Score(output, etalon::testing::SampleWithReferences({"le chat est sur le tapis rouge", "un chat est sur un tapis"}));
  const auto first = bleu.Score(output, etalon::testing::SampleWithReferences({"le chat est sur le tapis rouge"}));
  const auto second = bleu.Score(output, etalon::testing::SampleWithReferences({"un chat est sur un tapis"}));
  CHECK(both.value == Approx(100.0).margin(1e-9));
  CHECK(first.value < 100.0);
  CHECK(second.value < 100.0);
  // Counts: 6/6, 5/5, 4/4, 3/3; the closest reference length is 6.
  CHECK(both.statistics == std::vector<double>{6, 6, 6, 5, 4, 3, 6, 5, 4, 3});
}

TEST_CASE("BLEU takes the shorter of two equally close reference lengths", "[metrics][bleu]") {
  const Bleu bleu;
  const auto score = bleu.Score("a b c d e", etalon::testing::SampleWithReferences({"a b c d", "a b c d e f"}));
  CHECK(score.statistics[1] == 4);
  CHECK(Bleu::FromStatistics(score.statistics, true).brevity_penalty == 1.0);
}

TEST_CASE("corpus BLEU and chrF come from summed statistics, not means", "[metrics][bleu][chrf]") {
  const std::vector<std::pair<std::string, Sample>> corpus = {
      {"le dossier est complet", etalon::testing::SampleWithReferences({"le dossier est complet"})},
      {"une demande", etalon::testing::SampleWithReferences({"la demande de logement social est recevable"})},
  };
  const Bleu bleu;
  const double corpus_bleu = bleu.CorpusScore(Sum(bleu, corpus));
  const double mean_bleu =
      (bleu.Score(corpus[0].first, corpus[0].second).value + bleu.Score(corpus[1].first, corpus[1].second).value) / 2;
  CHECK(corpus_bleu != Approx(mean_bleu));
  const Chrf chrf;
  const double corpus_chrf = chrf.CorpusScore(Sum(chrf, corpus));
  CHECK(corpus_chrf > 0);
  CHECK(corpus_chrf < 100);
}

TEST_CASE("an empty corpus scores 0 without dividing by zero", "[metrics][bleu][chrf][ter]") {
  CHECK(Bleu().CorpusScore(std::vector<double>(Bleu::kStatisticsSize, 0.0)) == 0.0);
  const Chrf chrf_plus_plus(2);
  CHECK(chrf_plus_plus.CorpusScore(std::vector<double>(chrf_plus_plus.StatisticsSize(), 0.0)) == 0.0);
  CHECK(Ter().CorpusScore(std::vector<double>(Ter::kStatisticsSize, 0.0)) == 0.0);
  // Statistics of the wrong size (a journal from another version) give 0 too.
  CHECK(Bleu().CorpusScore({}) == 0.0);
}

TEST_CASE("empty outputs and references", "[metrics][bleu][chrf][ter]") {
  const auto empty = etalon::testing::SampleWithReferences({""});
  CHECK(Bleu().Score("", empty).value == 0.0);
  CHECK(Chrf().Score("", empty).value == 0.0);
  CHECK(Ter().Score("", empty).value == 0.0);
  CHECK(Ter().Score("deux mots", empty).value == 100.0);  // sacrebleu: empty reference, non-empty output
  CHECK(Bleu().Score("", etalon::testing::SampleWithReferences({"une référence"})).value == 0.0);
}

TEST_CASE("invalid UTF-8 is a sample error, never a crash", "[metrics][bleu][chrf][ter]") {
  const std::string invalid = "caf\xc3\x28 \xff";
  const Bleu bleu;
  const Chrf chrf;
  const Ter ter;
  for (const Metric* metric : std::vector<const Metric*>{&bleu, &chrf, &ter}) {
    const auto in_output = metric->Score(invalid, etalon::testing::SampleWithReferences({"café"}));
    REQUIRE(in_output.error.has_value());
    CHECK(*in_output.error == "output is not valid UTF-8");
    const auto in_reference = metric->Score("café", etalon::testing::SampleWithReferences({"ok", invalid}));
    REQUIRE(in_reference.error.has_value());
    CHECK(*in_reference.error == "reference 2 is not valid UTF-8");
    CHECK(metric->Score("café", Sample{}).error == std::optional<std::string>("sample has no reference"));
  }
}

TEST_CASE("TER keeps the fewest edits and the mean reference length", "[metrics][ter]") {
  const Ter ter;
  const auto score = ter.Score("le chat dort", etalon::testing::SampleWithReferences({"le chat dort", "un gros chat qui dort"}));
  CHECK(score.statistics == std::vector<double>{0, 4});
  CHECK(score.value == 0.0);
  // A block shift counts as one edit: "B C A" -> "A B C".
  CHECK(Ter::EditCount(std::vector<std::uint32_t>{2, 3, 1}, std::vector<std::uint32_t>{1, 2, 3}) == 1);
}

TEST_CASE("chrF keeps the statistics of its best reference", "[metrics][chrf]") {
  const Chrf chrf;
  const auto best = chrf.Score("la carte grise", etalon::testing::SampleWithReferences({"un passeport", "la carte grise"}));
  CHECK(best.value == Approx(100.0));
  const auto alone = chrf.Score("la carte grise", etalon::testing::SampleWithReferences({"la carte grise"}));
  CHECK(best.statistics == alone.statistics);
}
