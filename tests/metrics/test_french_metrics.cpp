// The French variants (wer_fr, cer_fr, em_fr, f1_fr), the French ROUGE
// tokenizer and the lm-evaluation-harness french_bench answer metrics, next
// to the reference-compatible figures they are reported beside.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/sample_with_references.hpp"
#include "etalon/core/sample.hpp"
#include "etalon/metrics/error_rate.hpp"
#include "etalon/metrics/qa_match.hpp"
#include "etalon/metrics/rouge.hpp"

namespace {

using etalon::core::Sample;
using etalon::metrics::AnswerNormalization;
using etalon::metrics::AnswerScore;
using etalon::metrics::ErrorRate;
using etalon::metrics::ErrorRateKind;
using etalon::metrics::ErrorRateText;
using etalon::metrics::QaMatch;
using etalon::metrics::Rouge;
using etalon::metrics::RougeTokenizer;
using etalon::metrics::RougeType;


std::vector<std::string> Tokens(AnswerNormalization normalization, const std::string& answer) {
  return QaMatch::AnswerTokens(normalization, answer);
}

}  // namespace

TEST_CASE("wer_fr forgives typography that raw WER counts", "[metrics][error_rate][french]") {
  const ErrorRate raw(ErrorRateKind::kWer, ErrorRateText::kJiwer);
  const ErrorRate french(ErrorRateKind::kWer, ErrorRateText::kFrench);
  const auto sample = etalon::testing::SampleWithReferences({"Article 3 : « voir l'annexe »"});
  const std::string output = "article\u202f3\u202f: «\u202fvoir l\u2019annexe\u202f»";
  CHECK(raw.Score(output, sample).value > 0.5);
  CHECK(french.Score(output, sample).value == 0.0);
  CHECK(french.Info().name == "wer_fr");
  CHECK(raw.Info().reference == "jiwer 4.0.0");
}

TEST_CASE("jiwer's rules on edge inputs", "[metrics][error_rate]") {
  const ErrorRate wer(ErrorRateKind::kWer, ErrorRateText::kJiwer);
  const ErrorRate wip(ErrorRateKind::kWip, ErrorRateText::kJiwer);
  const ErrorRate cer(ErrorRateKind::kCer, ErrorRateText::kJiwer);
  // An empty reference gives the insertion count (jiwer 4), not a rate.
  CHECK(wer.Score("deux mots", etalon::testing::SampleWithReferences({""})).value == 2.0);
  CHECK(wer.Score("", etalon::testing::SampleWithReferences({""})).value == 0.0);
  CHECK(wip.Score("", etalon::testing::SampleWithReferences({""})).value == 1.0);
  // Words split on the ASCII space only: an NBSP keeps two words together.
  CHECK(wer.Score("le\u00a0dossier", etalon::testing::SampleWithReferences({"le dossier"})).value == 1.0);
  // Characters are code points, spaces included, after strip.
  CHECK(cer.Score(" élève ", etalon::testing::SampleWithReferences({"eleve"})).value == Approx(2.0 / 5.0));
  CHECK(wer.Score("\xff", etalon::testing::SampleWithReferences({"x"})).error.has_value());
}

TEST_CASE("corpus WER is summed counts, not a mean of rates", "[metrics][error_rate]") {
  const ErrorRate wer(ErrorRateKind::kWer, ErrorRateText::kJiwer);
  const auto a = wer.Score("un deux", etalon::testing::SampleWithReferences({"un deux trois quatre"}));  // 2 errors / 4
  const auto b = wer.Score("x", etalon::testing::SampleWithReferences({"y"}));                         // 1 error / 1
  std::vector<double> summed(ErrorRate::kStatisticsSize, 0.0);
  for (std::size_t i = 0; i < summed.size(); ++i) {
    summed[i] = a.statistics[i] + b.statistics[i];
  }
  CHECK(wer.CorpusScore(summed) == Approx(3.0 / 5.0));
}

TEST_CASE("SQuAD normalisation and its French accidents", "[metrics][qa]") {
  CHECK(Tokens(AnswerNormalization::kSquad, "Il a vu l'homme.") == std::vector<std::string>{"il", "vu", "lhomme"});
  const QaMatch em(AnswerScore::kExactMatch, AnswerNormalization::kSquad);
  const QaMatch f1(AnswerScore::kF1, AnswerNormalization::kSquad);
  CHECK(em.Score("A", etalon::testing::SampleWithReferences({"the"})).value == 1.0);  // both normalise to nothing
  CHECK(f1.Score("A", etalon::testing::SampleWithReferences({"the"})).value == 0.0);  // and the script gives F1 = 0
  CHECK(f1.Score("le dossier complet", etalon::testing::SampleWithReferences({"autre chose", "le dossier"})).value == Approx(0.8));
}

TEST_CASE("etalon's French answer normalisation handles elisions and articles", "[metrics][qa][french]") {
  CHECK(Tokens(AnswerNormalization::kFrench, "L\u2019homme qu'il a vu") ==
        std::vector<std::string>{"homme", "que", "il", "a", "vu"});
  CHECK(Tokens(AnswerNormalization::kFrench, "Les pièces d'identité, jusqu'au 31 mai") ==
        std::vector<std::string>{"pièces", "de", "identité", "jusque", "au", "31", "mai"});
  CHECK(Tokens(AnswerNormalization::kFrench, "aujourd'hui") == std::vector<std::string>{"aujourd'hui"});
  const QaMatch em(AnswerScore::kExactMatch, AnswerNormalization::kFrench);
  const QaMatch f1(AnswerScore::kF1, AnswerNormalization::kFrench);
  CHECK(em.Score("l'État", etalon::testing::SampleWithReferences({"État"})).value == 1.0);
  CHECK(em.Score("La préfecture.", etalon::testing::SampleWithReferences({"préfecture"})).value == 1.0);
  CHECK(f1.Score("", etalon::testing::SampleWithReferences({"le"})).value == 1.0);  // nothing expected, nothing given
  CHECK(em.Info().name == "em_fr");
}

TEST_CASE("french_bench: French articles, first reference only", "[metrics][qa][french]") {
  CHECK(Tokens(AnswerNormalization::kFrenchBench, "La mairie et l'école") ==
        std::vector<std::string>{"mairie", "et", "lécole"});
  const QaMatch em(AnswerScore::kExactMatch, AnswerNormalization::kFrenchBench);
  const QaMatch f1(AnswerScore::kF1, AnswerNormalization::kFrenchBench);
  CHECK(em.Score("mairie", etalon::testing::SampleWithReferences({"la mairie", "autre"})).value == 1.0);
  CHECK(em.Score("autre", etalon::testing::SampleWithReferences({"la mairie", "autre"})).value == 0.0);  // the second is ignored
  CHECK(f1.Score("", etalon::testing::SampleWithReferences({"le"})).value == 1.0);
}

TEST_CASE("ROUGE's two tokenizers on French", "[metrics][rouge][french]") {
  const Rouge unicode(RougeType::kRouge1, RougeTokenizer::kUnicode, false);
  const Rouge compatible(RougeType::kRouge1, RougeTokenizer::kRougeScore, false);
  CHECK(unicode.Tokenize(U"L'élève a été reçu") == std::vector<std::string>{"l", "élève", "a", "été", "reçu"});
  // "été" keeps only its "t".
  CHECK(compatible.Tokenize(U"L'élève a été reçu") == std::vector<std::string>{"l", "l", "ve", "a", "t", "re", "u"});
  // NFD and NFC spellings are one token for the French tokenizer.
  CHECK(unicode.ScorePair(U"pre\u0301fecture", U"pr\u00e9fecture").fmeasure == 1.0);
  CHECK(unicode.Info().name == "rouge1");
  CHECK(compatible.Info().name == "rouge1_rouge_score");
  const Rouge lsum(RougeType::kRougeLsum, RougeTokenizer::kUnicode, false);
  CHECK(lsum.ScorePair(U"a b\nc d", U"c d\na b").fmeasure == 1.0);
  CHECK(unicode.Score("ok", etalon::testing::SampleWithReferences({"ko", "ok"})).value == 1.0);  // best reference
}
