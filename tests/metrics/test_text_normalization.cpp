// The text helpers the metrics stand on: Python str semantics, sacrebleu's
// tokenizers, NLTK's Porter stemmer and etalon's French normalisation.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "etalon/text/bleu_tokenizer.hpp"
#include "etalon/text/french_normalizer.hpp"
#include "etalon/text/porter_stemmer.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/utf8.hpp"

namespace {

std::vector<std::string> BleuTokens(etalon::text::BleuTokenizer tokenizer, const std::string& segment) {
  std::u32string storage;
  std::vector<std::string> tokens;
  for (const auto token : etalon::text::TokenizeForBleu(tokenizer, etalon::text::DecodeUtf8(segment).value(), storage)) {
    tokens.push_back(etalon::text::EncodeUtf8(token));
  }
  return tokens;
}

std::string Lower(const std::string& text) {
  return etalon::text::EncodeUtf8(etalon::text::PythonLower(etalon::text::DecodeUtf8(text).value()));
}

}  // namespace

TEST_CASE("PythonLower matches str.lower()", "[metrics][text]") {
  CHECK(Lower("ÉTAT Île") == "état île");
  CHECK(Lower("\u0130") == "i\u0307");                       // I with dot above: two code points
  CHECK(Lower("\u039F\u0394\u039F\u03A3") == "\u03BF\u03B4\u03BF\u03C2");  // final sigma
  CHECK(Lower("\u03A3\u039F") == "\u03C3\u03BF");            // a sigma that starts a word
}

TEST_CASE("PythonSplit splits on Unicode whitespace, NBSP and narrow NBSP included", "[metrics][text]") {
  const auto text = etalon::text::DecodeUtf8("a\u00a0b\u202fc\td  e\u2028f").value();
  CHECK(etalon::text::PythonSplit(text).size() == 6);
  CHECK(etalon::text::PythonSplit(U"").empty());
  CHECK(etalon::text::PythonStrip(U" \t x \n") == U"x");
}

TEST_CASE("sacrebleu's 13a tokenizer", "[metrics][text][bleu]") {
  using etalon::text::BleuTokenizer;
  CHECK(BleuTokens(BleuTokenizer::k13a, "Le taux s'est établi à 52,3 %.") ==
        std::vector<std::string>{"Le", "taux", "s'est", "établi", "à", "52,3", "%", "."});
  CHECK(BleuTokens(BleuTokenizer::k13a, "l'État (voir l'annexe)") ==
        std::vector<std::string>{"l'État", "(", "voir", "l'annexe", ")"});
  CHECK(BleuTokens(BleuTokenizer::k13a, "pages 1-2, a-b, x.y") ==
        std::vector<std::string>{"pages", "1", "-", "2", ",", "a-b", ",", "x", ".", "y"});
  CHECK(BleuTokens(BleuTokenizer::k13a, "A &amp; B &lt;skipped&gt;") ==
        std::vector<std::string>{"A", "&", "B", "<", "skipped", ">"});
  CHECK(BleuTokens(BleuTokenizer::k13a, "coupé-\nen deux") == std::vector<std::string>{"coupéen", "deux"});
  CHECK(BleuTokens(BleuTokenizer::k13a, "  ").empty());
}

TEST_CASE("sacrebleu's intl tokenizer splits Unicode punctuation and symbols", "[metrics][text][bleu]") {
  using etalon::text::BleuTokenizer;
  CHECK(BleuTokens(BleuTokenizer::kIntl, "«voir l'annexe» 52,3 €") ==
        std::vector<std::string>{"«", "voir", "l", "'", "annexe", "»", "52,3", "€"});
  CHECK(BleuTokens(BleuTokenizer::kNone, "a,b  c.") == std::vector<std::string>{"a,b", "c."});
  CHECK(etalon::text::ParseBleuTokenizer("intl") == BleuTokenizer::kIntl);
  CHECK_FALSE(etalon::text::ParseBleuTokenizer("spm").has_value());
}

TEST_CASE("Porter stemmer as NLTK 3.8 (NLTK_EXTENSIONS)", "[metrics][text][rouge]") {
  // The examples of NLTK's own stem documentation.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"caresses", "caress"}, {"flies", "fli"},        {"dies", "die"},     {"mules", "mule"},
      {"denied", "deni"},     {"died", "die"},         {"agreed", "agre"},  {"owned", "own"},
      {"humbled", "humbl"},   {"sized", "size"},       {"meeting", "meet"}, {"stating", "state"},
      {"siezing", "siez"},    {"itemization", "item"}, {"sensational", "sensat"},
      {"traditional", "tradit"}, {"reference", "refer"}, {"colonizer", "colon"}, {"plotted", "plot"},
  };
  const etalon::text::PorterStemmer stemmer;
  for (const auto& [word, stem] : cases) {
    INFO(word);
    CHECK(stemmer.Stem(word) == stem);
  }
  CHECK(stemmer.Stem("sky") == "sky");  // irregular form
  CHECK(stemmer.Stem("as") == "as");    // two letters are left alone
}

TEST_CASE("French normalisation unifies typography only", "[metrics][text][french]") {
  using etalon::text::NormalizeFrench;
  CHECK(NormalizeFrench("Article\u202f3\u202f: «\u202fvoir l\u2019annexe\u202f»") == "article 3 voir l'annexe");
  CHECK(NormalizeFrench("1\u00a0234,56\u00a0€") == "1 234 56 €");
  CHECK(NormalizeFrench("pre\u0301fecture ÉLÈVE") == "préfecture élève");
  CHECK(NormalizeFrench("œuvre Cœur") == NormalizeFrench("oeuvre coeur"));
  CHECK(NormalizeFrench("dos\u200bsier adminis\u00adtration") == "dossier administration");
  CHECK(NormalizeFrench("arrière-grand-mère") == "arrière grand mère");
  CHECK(NormalizeFrench("aujourd'hui 'cité'") == "aujourd'hui cité");
  CHECK(NormalizeFrench("  \t ") == "");
}
